package dev.kling4j.core.journal;

/** Where a journalled request stands, as far as this machine knows. */
public enum JournalState {
    /** Submitted; the result has not been fetched yet. */
    OPEN,
    /** The video was fetched (and downloaded, when an output path is recorded). */
    DONE,
    /** The job failed, or its deadline passed. */
    FAILED,
    /** The job was cancelled. */
    CANCELLED;

    /**
     * Whether nothing more will happen to the request.
     *
     * @return true for every state but {@link #OPEN}
     */
    public boolean isFinal() {
        return this != OPEN;
    }
}
