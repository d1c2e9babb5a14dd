package dev.kling4j.core.queue;

import dev.kling4j.core.OpenEnum;
import java.util.List;

/**
 * A job's queue status: an open enum. The known values are constants; any other string fal sends is kept
 * as it is and treated as not finished.
 */
public final class Status extends OpenEnum {
    /** Waiting in the queue ({@code queue_position} says where). */
    public static final Status IN_QUEUE = new Status("IN_QUEUE");
    /** Running on a runner. */
    public static final Status IN_PROGRESS = new Status("IN_PROGRESS");
    /** Finished: succeeded, failed (then {@code error} is set) or cancelled. The only terminal status. */
    public static final Status COMPLETED = new Status("COMPLETED");

    private static final List<Status> KNOWN = List.of(IN_QUEUE, IN_PROGRESS, COMPLETED);

    private Status(String value) {
        super(value);
    }

    /**
     * The status for a wire value; unknown values are kept.
     *
     * @param value the wire value, such as {@code IN_QUEUE}
     * @return the status
     */
    public static Status of(String value) {
        return lookup(value, KNOWN, Status::new);
    }

    /**
     * Whether this is one of the constants kling4j knows.
     *
     * @return false for a value fal added later
     */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    /**
     * Whether the job is finished (only {@link #COMPLETED}).
     *
     * @return true when terminal
     */
    public boolean isTerminal() {
        return equals(COMPLETED);
    }
}
