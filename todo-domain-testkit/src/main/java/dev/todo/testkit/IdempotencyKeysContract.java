package dev.todo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.IdempotencyKeyInFlightException;
import dev.todo.domain.model.IdempotencyKeyReusedException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.in.ExecuteOnceUseCase.Outcome;
import dev.todo.domain.port.out.IdempotencyKeys;
import dev.todo.domain.port.out.RecordedOutcome;
import dev.todo.domain.port.out.UnitOfWork;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import dev.todo.domain.service.IdempotencyService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the idempotency-key out-port, {@link IdempotencyKeys}, in the {@link UnitOfWork} it takes part in:
 * what its Javadoc promises, checked against a real adapter, and {@link IdempotencyService} on top of it. Extend it in
 * the adapter's tests and return the adapter from {@link #newAdapter()}:
 *
 * <pre>{@code
 * class InMemoryTodoStoreIdempotencyKeysContractTest extends IdempotencyKeysContract {
 *     @Override
 *     protected IdempotencyAdapter newAdapter() {
 *         return IdempotencyAdapter.of(new InMemoryTodoStore());
 *     }
 * }
 * }</pre>
 *
 * <p>It checks: a recorded outcome is found, byte for byte, until it expires, and not from its expiry on; keys are
 * their tenant's own; a record replaces an expired one; forgetting drops the tenant's expired keys only, or all but its
 * latest records; through the service a tenant keeps at most the records it allows; a key claimed
 * by one unit of work is refused to another unit at once (never after waiting inside the claim), stays claimed for
 * the unit that holds it and for units that join it, and is free again when that unit ends; claims are per tenant and
 * key; a record is undone with its unit of work (also when a joined unit made it) and is not seen by other units
 * before it is kept; and, through the service, a retry gets the first outcome without running anything, a reused key
 * is refused, a request that races the first one never runs its work, and a failed request leaves nothing behind.
 *
 * <p>An adapter whose writing units of a tenant run one at a time (as the in-memory store's do) never has two units
 * that could claim the same key at once: there a second request waits for the first unit of work to end, and the
 * contract accepts that, as long as the waiting happens before the second unit starts, not inside the claim. Expiry
 * times are whole seconds, so an adapter that keeps them at any precision down to the second passes. Every test acts
 * for tenants of its own, so {@link #newAdapter()} may return the same store every time.
 */
public abstract class IdempotencyKeysContract {

    private static final Instant T0 = Instant.parse("2026-01-22T10:15:30Z");
    private static final Duration KEEP = Duration.ofHours(24);

    private final SetClock clock = new SetClock(T0);
    private IdempotencyKeys keys;
    private UnitOfWork unitOfWork;
    private IdempotencyService service;

    /** Lets subclasses be instantiated by JUnit. */
    protected IdempotencyKeysContract() {
    }

    /**
     * The adapter under test, asked for once before each test. It may be a new, empty store or the same store each
     * time; it must be ready for use.
     *
     * @return the adapter
     */
    protected abstract IdempotencyAdapter newAdapter();

    /** Asks for the adapter before each test, and builds the service on it. */
    @BeforeEach
    protected final void openAdapter() {
        IdempotencyAdapter adapter = newAdapter();
        assertThat(adapter).as("newAdapter()").isNotNull();
        keys = adapter.keys();
        unitOfWork = adapter.unitOfWork();
        service = new IdempotencyService(keys, unitOfWork, clock, KEEP);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Records

    /**
     * A recorded outcome is found equal, every byte of it (none of them text), until it expires; from its expiry on it
     * is not found. The longest key of the longest tenant id fits.
     */
    @Test
    public void aRecordedOutcomeIsFoundUntilItExpires() {
        TenantId alice = tenant("alice");
        IdempotencyKey key = newKey();
        RecordedOutcome outcome = new RecordedOutcome(fingerprint("first"), everyByte(), T0.plus(KEEP));
        assertThat(find(alice, key, T0)).isEmpty();

        claimAndRecord(alice, key, outcome);

        assertThat(find(alice, key, T0)).contains(outcome);
        assertThat(find(alice, key, T0.plus(KEEP).minusSeconds(1))).as("a second before it expires").contains(outcome);
        assertThat(find(alice, key, T0.plus(KEEP))).as("when it expires").isEmpty();
        assertThat(find(alice, key, T0.plus(KEEP).plusSeconds(1))).isEmpty();

        String prefix = "auth0|" + UUID.randomUUID() + "|";
        TenantId longest = TenantId.of(prefix + "x".repeat(TenantId.MAX_LENGTH - prefix.length()));
        IdempotencyKey longestKey = new IdempotencyKey("~".repeat(IdempotencyKey.MAX_LENGTH));
        RecordedOutcome empty = new RecordedOutcome(fingerprint("empty"), new byte[0], T0.plusSeconds(1));
        claimAndRecord(longest, longestKey, empty);
        assertThat(find(longest, longestKey, T0)).contains(empty);
    }

    /** A key belongs to its tenant: another tenant does not find it, and records its own outcome under it apart. */
    @Test
    public void keysAreTheirTenantsOwn() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        IdempotencyKey key = newKey();
        RecordedOutcome alices = outcome("alice's", T0.plus(KEEP));
        RecordedOutcome bobs = outcome("bob's", T0.plus(KEEP).plusSeconds(1));

        claimAndRecord(alice, key, alices);
        assertThat(find(bob, key, T0)).isEmpty();
        claimAndRecord(bob, key, bobs);

        assertThat(find(alice, key, T0)).contains(alices);
        assertThat(find(bob, key, T0)).contains(bobs);
    }

    /** A record of a key whose earlier record has expired replaces it, even when nothing forgot the old one first. */
    @Test
    public void aRecordReplacesAnExpiredOne() {
        TenantId alice = tenant("alice");
        IdempotencyKey key = newKey();
        RecordedOutcome first = outcome("first", T0.plusSeconds(3600));
        RecordedOutcome second = outcome("second", T0.plusSeconds(3 * 3600));
        claimAndRecord(alice, key, first);
        assertThat(find(alice, key, T0.plusSeconds(2 * 3600))).isEmpty();

        claimAndRecord(alice, key, second);

        assertThat(find(alice, key, T0.plusSeconds(2 * 3600))).contains(second);
    }

    /**
     * Forgetting drops the tenant's keys that expired by then (at that very instant included), so that they are not
     * found even when looked up as of an earlier time; unexpired keys, and other tenants' keys, stay.
     */
    @Test
    public void forgettingDropsTheTenantsExpiredKeysOnly() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        IdempotencyKey early = newKey();
        IdempotencyKey atTheInstant = newKey();
        IdempotencyKey late = newKey();
        Instant then = T0.plusSeconds(2 * 3600);
        RecordedOutcome bobsEarly = outcome("bob's", T0.plusSeconds(3600));
        RecordedOutcome lateOutcome = outcome("late", T0.plusSeconds(3 * 3600));
        claimAndRecord(alice, early, outcome("early", T0.plusSeconds(3600)));
        claimAndRecord(alice, atTheInstant, outcome("at the instant", then));
        claimAndRecord(alice, late, lateOutcome);
        claimAndRecord(bob, early, bobsEarly);

        write(alice, () -> {
            keys.forgetExpired(alice, then);
            return null;
        });

        assertThat(find(alice, early, T0)).isEmpty();
        assertThat(find(alice, atTheInstant, T0)).isEmpty();
        assertThat(find(alice, late, T0)).contains(lateOutcome);
        assertThat(find(bob, early, T0)).contains(bobsEarly);
    }

    /**
     * Forgetting all but the latest records keeps the tenant's records that expire last, whether or not the others
     * have expired, and leaves other tenants' records alone; keeping none forgets all of the tenant's.
     */
    @Test
    public void forgettingAllButTheLatestKeepsTheTenantsLatestRecords() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        IdempotencyKey first = newKey();
        IdempotencyKey second = newKey();
        IdempotencyKey third = newKey();
        IdempotencyKey fourth = newKey();
        RecordedOutcome thirdOutcome = outcome("third", T0.plusSeconds(3 * 3600));
        RecordedOutcome fourthOutcome = outcome("fourth", T0.plusSeconds(4 * 3600));
        RecordedOutcome bobsOutcome = outcome("bob's", T0.plusSeconds(3600));
        claimAndRecord(alice, third, thirdOutcome);
        claimAndRecord(alice, first, outcome("first", T0.plusSeconds(3600)));
        claimAndRecord(alice, fourth, fourthOutcome);
        claimAndRecord(alice, second, outcome("second", T0.plusSeconds(2 * 3600)));
        claimAndRecord(bob, first, bobsOutcome);

        write(alice, () -> {
            keys.forgetAllBut(alice, 2);
            return null;
        });

        assertThat(find(alice, first, T0)).isEmpty();
        assertThat(find(alice, second, T0)).isEmpty();
        assertThat(find(alice, third, T0)).contains(thirdOutcome);
        assertThat(find(alice, fourth, T0)).contains(fourthOutcome);
        assertThat(find(bob, first, T0)).contains(bobsOutcome);

        write(alice, () -> {
            keys.forgetAllBut(alice, 0);
            return null;
        });
        assertThat(find(alice, third, T0)).isEmpty();
        assertThat(find(alice, fourth, T0)).isEmpty();
        assertThat(find(bob, first, T0)).contains(bobsOutcome);
    }

    /**
     * Through {@link IdempotencyService}: a tenant keeps at most as many records as the service allows, however fast
     * it sends new keys; recording one more forgets the oldest (whose retry then runs again), never the one just
     * made, even when all expire at the same instant; other tenants keep theirs.
     */
    @Test
    public void aTenantKeepsAtMostTheMostKeysTheServiceAllows() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        IdempotencyService bounded = new IdempotencyService(keys, unitOfWork, clock, KEEP, 3);
        AtomicInteger runs = new AtomicInteger();
        IdempotencyKey bobsKey = newKey();
        bounded.once(bob, bobsKey, fingerprint("a"), () -> run(runs, "bob's"));
        List<IdempotencyKey> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            IdempotencyKey key = newKey();
            sent.add(key);
            bounded.once(alice, key, fingerprint("a"), () -> run(runs, "alice's"));
            assertThat(find(alice, key, T0)).as("the record just made").isPresent();
        }

        assertThat(sent.stream().filter(key -> find(alice, key, T0).isPresent())).hasSize(3);
        assertThat(runs).hasValue(7);
        assertThat(find(bob, bobsKey, T0)).isPresent();
        IdempotencyKey latest = sent.get(sent.size() - 1);
        assertThat(bounded.once(alice, latest, fingerprint("a"), () -> run(runs, "retry")).replayed()).isTrue();
        assertThat(runs).hasValue(7);

        List<IdempotencyKey> inOrder = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clock.set(T0.plusSeconds(i + 1));
            IdempotencyKey key = newKey();
            inOrder.add(key);
            bounded.once(alice, key, fingerprint("a"), () -> run(runs, "in order"));
        }
        assertThat(find(alice, inOrder.get(0), T0)).as("the oldest of four, past three").isEmpty();
        assertThat(inOrder.subList(1, 4)).allSatisfy(key -> assertThat(find(alice, key, T0)).isPresent());
        Outcome again = bounded.once(alice, inOrder.get(0), fingerprint("a"), () -> run(runs, "again"));
        assertThat(again.replayed()).as("a forgotten key runs again").isFalse();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Claims

    /**
     * A key claimed by a unit of work stays its own, also for units that join it; another unit that claims it
     * meanwhile gets false at once, or (in an adapter whose writing units of a tenant run one at a time) waits before
     * it starts, never inside the claim; once the holder ends, the key can be claimed again.
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void aKeyClaimedByAUnitOfWorkIsRefusedToAnotherAtOnce() throws Exception {
        TenantId alice = tenant("alice");
        IdempotencyKey key = newKey();
        AtomicBoolean holderRunning = new AtomicBoolean(true);
        AtomicBoolean otherStarted = new AtomicBoolean();
        List<Threads.Started<boolean[]>> other = new ArrayList<>();

        boolean otherWaitsInsideItsClaim = write(alice, () -> {
            assertThat(keys.claim(alice, key)).as("the first claim").isTrue();
            assertThat(keys.claim(alice, key)).as("the same unit of work again").isTrue();
            assertThat(write(alice, () -> keys.claim(alice, key))).as("a unit of work that joins it").isTrue();
            Threads.Started<boolean[]> started = Threads.start("contract-claimer", () -> write(alice, () -> {
                otherStarted.set(true);
                boolean claimed = keys.claim(alice, key);
                return new boolean[] {claimed, holderRunning.get()};
            }));
            other.add(started);
            started.awaitDoneOrWaiting();
            boolean waitsInside = !started.future().isDone() && otherStarted.get();
            holderRunning.set(false);
            return waitsInside;
        });

        assertThat(otherWaitsInsideItsClaim).as("the other unit of work waits inside its claim").isFalse();
        boolean[] claimedWhileHeld = other.get(0).result();
        if (claimedWhileHeld[1]) {
            assertThat(claimedWhileHeld[0]).as("a claim while another unit of work holds the key").isFalse();
        }
        assertThat(write(alice, () -> keys.claim(alice, key))).as("a claim after the holder ended").isTrue();
    }

    /**
     * A claim holds one key of one tenant: while a unit of work holds it, another tenant claims the same key, and the
     * same tenant another key.
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void aClaimHoldsOneKeyOfOneTenant() throws Exception {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        IdempotencyKey key = newKey();
        IdempotencyKey otherKey = newKey();
        List<Threads.Started<Boolean>> others = new ArrayList<>();

        write(alice, () -> {
            assertThat(keys.claim(alice, key)).isTrue();
            others.add(Threads.start("contract-other-tenant", () -> write(bob, () -> keys.claim(bob, key))));
            others.add(Threads.start("contract-other-key", () -> write(alice, () -> keys.claim(alice, otherKey))));
            others.forEach(Threads.Started::awaitDoneOrWaiting);
            return null;
        });

        assertThat(others.get(0).result()).as("bob's claim of the same key").isTrue();
        assertThat(others.get(1).result()).as("alice's claim of another key").isTrue();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Units of work

    /**
     * A record is part of its unit of work: a unit that throws keeps no record and no forgetting, and frees its claim.
     */
    @Test
    public void aRecordIsUndoneWithItsUnitOfWork() {
        TenantId alice = tenant("alice");
        IdempotencyKey key = newKey();
        IdempotencyKey kept = newKey();
        RecordedOutcome keptOutcome = outcome("kept", T0.plusSeconds(60));
        claimAndRecord(alice, kept, keptOutcome);
        RecordedOutcome outcome = outcome("rolled back", T0.plus(KEEP));
        RuntimeException failure = new IllegalStateException("roll back");

        assertThatThrownBy(() -> write(alice, () -> {
            assertThat(keys.claim(alice, key)).isTrue();
            keys.record(alice, key, outcome);
            assertThat(keys.find(alice, key, T0)).as("its own record").contains(outcome);
            keys.forgetExpired(alice, T0.plus(KEEP));
            throw failure;
        })).isSameAs(failure);

        assertThat(find(alice, key, T0)).isEmpty();
        assertThat(find(alice, kept, T0)).contains(keptOutcome);
        assertThat(write(alice, () -> keys.claim(alice, key))).as("the claim after the rollback").isTrue();
    }

    /**
     * A record made inside a unit of work that joined another is undone with the outer one.
     */
    @Test
    public void aRecordMadeInAJoinedUnitOfWorkIsUndoneWithTheOuterOne() {
        TenantId alice = tenant("alice");
        IdempotencyKey key = newKey();
        RecordedOutcome outcome = outcome("joined", T0.plus(KEEP));
        RuntimeException failure = new IllegalStateException("roll back the outer unit");

        assertThatThrownBy(() -> write(alice, () -> {
            assertThat(keys.claim(alice, key)).isTrue();
            write(alice, () -> {
                keys.record(alice, key, outcome);
                return null;
            });
            assertThat(keys.find(alice, key, T0)).contains(outcome);
            throw failure;
        })).isSameAs(failure);

        assertThat(find(alice, key, T0)).isEmpty();
    }

    /**
     * Another unit of work does not find a record before the unit that made it has ended.
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void anotherUnitOfWorkDoesNotFindARecordBeforeItIsKept() throws Exception {
        TenantId alice = tenant("alice");
        IdempotencyKey key = newKey();
        RecordedOutcome outcome = outcome("not yet", T0.plus(KEEP));
        AtomicBoolean recorderRunning = new AtomicBoolean(true);
        List<Threads.Started<Boolean>> reader = new ArrayList<>();

        write(alice, () -> {
            assertThat(keys.claim(alice, key)).isTrue();
            keys.record(alice, key, outcome);
            Threads.Started<Boolean> started = Threads.start("contract-key-reader", () -> read(alice, () -> {
                boolean found = keys.find(alice, key, T0).isPresent();
                return found && recorderRunning.get();
            }));
            reader.add(started);
            started.awaitDoneOrWaiting();
            recorderRunning.set(false);
            return null;
        });

        assertThat(reader.get(0).result()).as("found while the unit that recorded it ran").isFalse();
        assertThat(find(alice, key, T0)).contains(outcome);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The service on the adapter

    /**
     * Through {@link IdempotencyService}: a retry with the same key and fingerprint gets the first outcome, marked
     * replayed, and runs nothing; the same key with another fingerprint is refused; another tenant's key of the same
     * name runs; once the key has expired, the request runs again.
     */
    @Test
    public void aRetryGetsTheFirstOutcomeAndRunsNothing() {
        TenantId alice = tenant("alice");
        TenantId bob = tenant("auth0|bob");
        IdempotencyKey key = newKey();
        AtomicInteger runs = new AtomicInteger();

        Outcome first = service.once(alice, key, fingerprint("a"), () -> run(runs, "first"));
        Outcome retry = service.once(alice, key, fingerprint("a"), () -> run(runs, "retry"));

        assertThat(first.replayed()).isFalse();
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.value()).isEqualTo(first.value()).isEqualTo(bytes("first"));
        assertThat(runs).hasValue(1);
        assertThatThrownBy(() -> service.once(alice, key, fingerprint("b"), () -> run(runs, "other request")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(runs).hasValue(1);

        Outcome bobs = service.once(bob, key, fingerprint("a"), () -> run(runs, "bob's"));
        assertThat(bobs.replayed()).isFalse();
        assertThat(bobs.value()).isEqualTo(bytes("bob's"));

        clock.set(T0.plus(KEEP));
        Outcome afterExpiry = service.once(alice, key, fingerprint("b"), () -> run(runs, "after expiry"));
        assertThat(afterExpiry.replayed()).isFalse();
        assertThat(afterExpiry.value()).isEqualTo(bytes("after expiry"));
        assertThat(runs).hasValue(3);
    }

    /**
     * A request that comes while the first one with its key runs never runs its work: it is refused with
     * {@link IdempotencyKeyInFlightException}, or (where it waits for the first unit of work to end) gets the first
     * outcome, replayed.
     *
     * @throws Exception if a thread fails or hangs
     */
    @Test
    public void aRequestThatRacesTheFirstNeverRunsItsWork() throws Exception {
        TenantId alice = tenant("alice");
        IdempotencyKey key = newKey();
        AtomicInteger runs = new AtomicInteger();
        List<Threads.Started<Object>> second = new ArrayList<>();

        Outcome first = service.once(alice, key, fingerprint("a"), () -> {
            byte[] value = run(runs, "first");
            Threads.Started<Object> started = Threads.start("contract-second-request", () -> {
                try {
                    return service.once(alice, key, fingerprint("a"), () -> run(runs, "second"));
                } catch (IdempotencyKeyInFlightException e) {
                    return e;
                }
            });
            second.add(started);
            started.awaitDoneOrWaiting();
            return value;
        });

        Object answer = second.get(0).result();
        assertThat(runs).as("works run").hasValue(1);
        if (answer instanceof Outcome outcome) {
            assertThat(outcome.replayed()).isTrue();
            assertThat(outcome.value()).isEqualTo(first.value());
        } else {
            assertThat(answer).isInstanceOf(IdempotencyKeyInFlightException.class);
        }
    }

    /**
     * A request whose work fails records nothing, not even what a unit of work inside it (which joined the request's)
     * recorded, and leaves its key free: a retry runs for real, and the one after it is replayed.
     */
    @Test
    public void aFailedRequestLeavesNothingBehind() {
        TenantId alice = tenant("alice");
        IdempotencyKey key = newKey();
        IdempotencyKey inner = newKey();
        AtomicInteger runs = new AtomicInteger();
        RuntimeException failure = new IllegalStateException("the work fails");

        assertThatThrownBy(() -> service.once(alice, key, fingerprint("a"), () -> {
            run(runs, "fails");
            write(alice, () -> {
                assertThat(keys.claim(alice, inner)).isTrue();
                keys.record(alice, inner, outcome("inside", T0.plus(KEEP)));
                return null;
            });
            throw failure;
        })).isSameAs(failure);

        assertThat(find(alice, key, T0)).isEmpty();
        assertThat(find(alice, inner, T0)).isEmpty();
        Outcome retry = service.once(alice, key, fingerprint("a"), () -> run(runs, "retry"));
        assertThat(retry.replayed()).isFalse();
        assertThat(service.once(alice, key, fingerprint("a"), () -> run(runs, "again")).replayed()).isTrue();
        assertThat(runs).hasValue(2);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static TenantId tenant(String name) {
        return TenantId.of(name + "-" + TodoId.random());
    }

    private static IdempotencyKey newKey() {
        return new IdempotencyKey(UUID.randomUUID().toString());
    }

    /** A fingerprint as callers make them: a SHA-256 in hexadecimal, here of a name. */
    private static String fingerprint(String name) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(bytes(name));
            StringBuilder hex = new StringBuilder();
            for (byte b : hash) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RecordedOutcome outcome(String text, Instant expiresAt) {
        return new RecordedOutcome(fingerprint(text), bytes(text), expiresAt);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Every byte value once, and then bytes that are not UTF-8: whatever the caller encoded, it is kept as it is. */
    private static byte[] everyByte() {
        byte[] bytes = new byte[256 + 4];
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }
        bytes[256] = (byte) 0xC3;
        bytes[257] = (byte) 0x28;
        bytes[258] = (byte) 0xFF;
        bytes[259] = 0;
        return bytes;
    }

    private static byte[] run(AtomicInteger runs, String outcome) {
        runs.incrementAndGet();
        return bytes(outcome);
    }

    private Optional<RecordedOutcome> find(TenantId tenant, IdempotencyKey key, Instant now) {
        return read(tenant, () -> keys.find(tenant, key, now));
    }

    private void claimAndRecord(TenantId tenant, IdempotencyKey key, RecordedOutcome outcome) {
        write(tenant, () -> {
            assertThat(keys.claim(tenant, key)).as("claim of %s", key).isTrue();
            keys.record(tenant, key, outcome);
            return null;
        });
    }

    private <T> T write(TenantId tenant, Supplier<T> work) {
        return unitOfWork.execute(tenant, Intent.WRITE, work);
    }

    private <T> T read(TenantId tenant, Supplier<T> work) {
        return unitOfWork.execute(tenant, Intent.READ, work);
    }
}
