package dev.todo.domain.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until told to move, for the contracts' services; thread-safe. */
final class SetClock extends Clock {

    private final AtomicReference<Instant> now;

    SetClock(Instant start) {
        now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
        now.set(instant);
    }

    void tick() {
        now.updateAndGet(i -> i.plusSeconds(1));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the contract's clock is in UTC");
    }
}
