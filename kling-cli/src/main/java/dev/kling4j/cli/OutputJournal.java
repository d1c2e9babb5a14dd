package dev.kling4j.cli;

import dev.kling4j.core.journal.JournalEntry;
import dev.kling4j.core.journal.JournalState;
import dev.kling4j.core.journal.RequestJournal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The CLI's journal as the library writes it: the library records each request and its outcome (the one
 * journaling path); this adds where the video will be written, and remembers which requests it recorded, so
 * the CLI can say when a request id could not be journalled.
 */
final class OutputJournal implements RequestJournal {
    private final RequestJournal delegate;
    private final Function<String, Path> targetOf;
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    OutputJournal(RequestJournal delegate, Function<String, Path> targetOf) {
        this.delegate = delegate;
        this.targetOf = targetOf;
    }

    @Override
    public void record(JournalEntry entry) {
        Path target = entry.outputPath().isPresent() ? null : targetOf.apply(entry.requestId());
        delegate.record(target == null ? entry : entry.with(entry.state(), target.toString()));
        recorded.add(entry.requestId());
    }

    /** Whether the library's record of a request reached the journal. */
    boolean recorded(String requestId) {
        return recorded.contains(requestId);
    }

    @Override
    public Optional<JournalEntry> update(String requestId, JournalState state, String output) {
        return delegate.update(requestId, state, output);
    }

    @Override
    public List<JournalEntry> list() {
        return delegate.list();
    }

    @Override
    public Optional<JournalEntry> find(String requestId) {
        return delegate.find(requestId);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
