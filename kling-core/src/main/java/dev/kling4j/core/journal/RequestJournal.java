package dev.kling4j.core.journal;

import java.util.List;
import java.util.Optional;

/**
 * Where submitted requests are remembered. Give one to the client ({@code KlingClient.Builder.journal}) or to
 * one call ({@code RequestOptions.Builder.journal}) and the client records each request the moment fal returns
 * its id (before waiting), then its outcome. A journal shared by many workers (a database table) implements
 * these four methods. Implementations are thread-safe.
 */
public interface RequestJournal {

    /**
     * Records a request, replacing any entry with the same id.
     *
     * @param entry the entry
     * @throws java.io.UncheckedIOException when it cannot be stored
     */
    void record(JournalEntry entry);

    /**
     * Changes a request's state, keeping its output path.
     *
     * @param requestId the request id
     * @param state the new state
     * @return the updated entry, or empty when the id is not journalled
     */
    default Optional<JournalEntry> update(String requestId, JournalState state) {
        return update(requestId, state, null);
    }

    /**
     * Changes a request's state and output path.
     *
     * @param requestId the request id
     * @param state the new state
     * @param output the new output path, or null to keep the current one
     * @return the updated entry, or empty when the id is not journalled
     */
    Optional<JournalEntry> update(String requestId, JournalState state, String output);

    /**
     * Every entry, oldest first.
     *
     * @return the entries
     */
    List<JournalEntry> list();

    /**
     * One entry by request id.
     *
     * @param requestId the request id
     * @return the entry, or empty when not journalled
     */
    Optional<JournalEntry> find(String requestId);
}
