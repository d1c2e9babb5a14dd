package dev.kling4j.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves forward by hand. */
public final class MovableClock extends Clock {
    private volatile Instant now;

    /** A clock at 2026-01-01T00:00:00Z. */
    public MovableClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * A clock at an instant.
     *
     * @param start where it starts
     */
    public MovableClock(Instant start) {
        this.now = start;
    }

    /**
     * Moves the clock forward.
     *
     * @param d how far
     */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
