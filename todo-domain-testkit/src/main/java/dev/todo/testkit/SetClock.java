package dev.todo.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until told to move, for the contracts' services; thread-safe. */
final class SetClock extends Clock {

    private volatile Instant now;

    SetClock(Instant start) {
        now = start;
    }

    void set(Instant instant) {
        now = instant;
    }

    synchronized void tick() {
        now = now.plusSeconds(1);
    }

    @Override
    public Instant instant() {
        return now;
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
