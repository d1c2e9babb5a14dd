package dev.kling4j.core.journal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RequestJournal} keeping one small JSON file per request, {@code <request id>.json}, in a directory
 * (the CLI uses {@code $KLING_HOME/jobs}). Each write goes to a temporary file that is then atomically moved
 * into place, so a process killed mid-write leaves the previous entry intact. Files that cannot be read are
 * skipped by {@link #list()}.
 *
 * <pre>{@code
 * RequestJournal journal = FileRequestJournal.in(Path.of(System.getProperty("user.home"), ".kling", "jobs"));
 * KlingClient client = KlingClient.builder().fromEnv(System.getenv()).journal(journal).build();
 * VideoJob job = client.submit(TextToVideo.PRO, request);        // journalled before submit returns
 * }</pre>
 */
public final class FileRequestJournal implements RequestJournal {
    private static final String SUFFIX = ".json";

    private final Path directory;

    private FileRequestJournal(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * A journal in a directory, created on the first write.
     *
     * @param directory the directory
     * @return the journal
     */
    public static FileRequestJournal in(Path directory) {
        return new FileRequestJournal(directory);
    }

    /**
     * The directory holding the entries.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    @Override
    public synchronized void record(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("request_id", entry.requestId());
        json.put("endpoint_id", entry.endpointId());
        json.put("model", entry.modelKey());
        json.put("created_at", entry.createdAt().toString());
        json.put("state", entry.state().name());
        json.put("output", entry.output());
        // As text, so the scale survives (0.560 stays 0.560).
        json.put(
                "estimated_cost_usd",
                entry.estimate().map(BigDecimal::toPlainString).orElse(null));
        json.put(
                "billed_units",
                entry.billedUnits() == null ? null : entry.billedUnits().toPlainString());
        json.put(
                "billed_usd",
                entry.billedCost() == null ? null : entry.billedCost().toPlainString());
        try {
            Files.createDirectories(directory);
            byte[] bytes = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
            Path temp = Files.createTempFile(directory, "." + entry.requestId(), ".tmp");
            try {
                Files.write(temp, bytes);
                move(temp, fileOf(entry.requestId()));
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the journal entry for " + entry.requestId() + " in " + directory, e);
        }
    }

    @Override
    public synchronized Optional<JournalEntry> update(String requestId, JournalState state, String output) {
        Objects.requireNonNull(state, "state");
        Optional<JournalEntry> updated = find(requestId).map(e -> e.with(state, output));
        updated.ifPresent(this::record);
        return updated;
    }

    @Override
    public synchronized List<JournalEntry> list() {
        List<JournalEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                if (!file.getFileName().toString().startsWith(".")) {
                    read(file).ifPresent(entries::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the journal in " + directory, e);
        }
        entries.sort(Comparator.comparing(JournalEntry::createdAt).thenComparing(JournalEntry::requestId));
        return entries;
    }

    @Override
    public synchronized Optional<JournalEntry> find(String requestId) {
        if (!JournalEntry.isValidRequestId(requestId)) {
            return Optional.empty();
        }
        return read(fileOf(requestId));
    }

    private Path fileOf(String requestId) {
        return directory.resolve(requestId + SUFFIX);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems cannot rename atomically; a plain replace is the best left.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Optional<JournalEntry> read(Path file) {
        byte[] bytes;
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal entry " + file, e);
        }
        try {
            JsonNode n = Json.mapper().readTree(bytes);
            BigDecimal cost = decimal(n, "estimated_cost_usd");
            String output = n.path("output").isTextual() ? n.get("output").asText() : null;
            return Optional.of(new JournalEntry(
                    n.path("request_id").asText(),
                    n.path("endpoint_id").asText(),
                    n.path("model").asText(),
                    Instant.parse(n.path("created_at").asText()),
                    JournalState.valueOf(n.path("state").asText()),
                    output,
                    cost,
                    decimal(n, "billed_units"),
                    decimal(n, "billed_usd")));
        } catch (IOException | RuntimeException e) {
            // A damaged or foreign file is not an entry; the rest of the journal stays usable.
            return Optional.empty();
        }
    }

    private static BigDecimal decimal(JsonNode entry, String field) {
        JsonNode v = entry.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : new BigDecimal(v.asText());
    }

    @Override
    public String toString() {
        return "FileRequestJournal{" + directory + "}";
    }
}
