package dev.kling4j.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRequestJournalTest {
    private static final String ENDPOINT = "fal-ai/kling-video/o3/pro/text-to-video";

    @TempDir
    Path dir;

    @Test
    void aRecordedEntryIsFoundByAFreshJournalOnTheSameDirectory() {
        JournalEntry entry = JournalEntry.open(
                "req-1",
                ENDPOINT,
                "kling_o3_pro_t2v",
                Instant.parse("2026-11-24T01:00:00Z"),
                "fox.mp4",
                new BigDecimal("0.560"));
        FileRequestJournal.in(dir.resolve("jobs")).record(entry);

        assertThat(FileRequestJournal.in(dir.resolve("jobs")).find("req-1")).contains(entry);
    }

    @Test
    void anUpdateChangesTheStateAndKeepsOrReplacesTheOutput() {
        FileRequestJournal journal = FileRequestJournal.in(dir);
        journal.record(JournalEntry.open("req-1", ENDPOINT, "kling_o3_pro_t2v", Instant.now(), null, null));

        assertThat(journal.update("req-1", JournalState.DONE, "out.mp4"))
                .get()
                .extracting(JournalEntry::state, JournalEntry::output)
                .containsExactly(JournalState.DONE, "out.mp4");
        assertThat(journal.update("req-1", JournalState.FAILED))
                .get()
                .extracting(JournalEntry::state, JournalEntry::output)
                .containsExactly(JournalState.FAILED, "out.mp4");
        assertThat(journal.update("unknown", JournalState.DONE)).isEmpty();
    }

    @Test
    void listIsOldestFirstAndSkipsDamagedFilesAndLeavesNoTemporaryFiles() throws IOException {
        FileRequestJournal journal = FileRequestJournal.in(dir);
        journal.record(JournalEntry.open("b", ENDPOINT, "m", Instant.parse("2026-11-24T02:00:00Z"), null, null));
        journal.record(JournalEntry.open("a", ENDPOINT, "m", Instant.parse("2026-11-24T01:00:00Z"), null, null));
        Files.writeString(dir.resolve("broken.json"), "{not json");

        assertThat(journal.list()).extracting(JournalEntry::requestId).containsExactly("a", "b");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("a.json", "b.json", "broken.json");
        }
    }

    @Test
    void anEntryFileHoldsNoCredentialsOnlyTheRequestFacts() throws IOException {
        FileRequestJournal.in(dir)
                .record(JournalEntry.open(
                        "req-9",
                        ENDPOINT,
                        "kling_o3_pro_t2v",
                        Instant.parse("2026-11-24T01:00:00Z"),
                        null,
                        new BigDecimal("1.12")));

        String text = Files.readString(dir.resolve("req-9.json"));
        assertThat(text)
                .contains("\"request_id\" : \"req-9\"", "\"state\" : \"OPEN\"", "1.12")
                .doesNotContainIgnoringCase("key\"")
                .doesNotContainIgnoringCase("authorization");
    }

    @Test
    void aRequestIdThatCouldEscapeTheDirectoryIsRefused() {
        assertThatThrownBy(() -> JournalEntry.open("../evil", ENDPOINT, "m", Instant.now(), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../evil");
        assertThat(FileRequestJournal.in(dir).find("../evil")).isEmpty();
    }
}
