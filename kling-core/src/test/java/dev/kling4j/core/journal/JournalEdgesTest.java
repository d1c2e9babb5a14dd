package dev.kling4j.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal at its edges: order, hidden and foreign files, a journal not yet written, the entry's accessors. */
class JournalEdgesTest {
    static final String ENDPOINT = "fal-ai/kling-video/o3/pro/text-to-video";
    static final Instant T = Instant.parse("2026-11-24T01:00:00Z");

    @TempDir
    Path dir;

    static JournalEntry entry(String id, Instant at) {
        return JournalEntry.open(id, ENDPOINT, "kling_o3_pro_t2v", at, null, null);
    }

    @Test
    void listIsByCreationTimeThenRequestIdWhateverTheFileOrder() {
        FileRequestJournal journal = FileRequestJournal.in(dir);
        for (String id : new String[] {"m", "c", "x", "a", "k"}) {
            journal.record(entry(id, T));
        }
        journal.record(entry("zz-oldest", T.minusSeconds(60)));
        journal.record(entry("aa-newest", T.plusSeconds(60)));

        assertThat(journal.list())
                .extracting(JournalEntry::requestId)
                .containsExactly("zz-oldest", "a", "c", "k", "m", "x", "aa-newest");
    }

    @Test
    void aJournalNotYetWrittenListsNothingAndCreatesNoDirectory() {
        FileRequestJournal journal = FileRequestJournal.in(dir.resolve("not-yet"));

        assertThat(journal.list()).isEmpty();
        assertThat(journal.find("req-1")).isEmpty();
        assertThat(Files.exists(dir.resolve("not-yet"))).isFalse();
        assertThat(journal.directory()).isEqualTo(dir.resolve("not-yet"));
        assertThat(journal).hasToString("FileRequestJournal{" + dir.resolve("not-yet") + "}");
    }

    @Test
    void hiddenFilesAndDirectoriesAreNotEntries() throws IOException {
        FileRequestJournal journal = FileRequestJournal.in(dir);
        journal.record(entry("req-1", T));
        Files.copy(dir.resolve("req-1.json"), dir.resolve(".req-2.json"));
        Files.createDirectory(dir.resolve("req-3.json"));

        assertThat(journal.list()).extracting(JournalEntry::requestId).containsExactly("req-1");
        assertThat(journal.find("req-3")).isEmpty();
        assertThat(journal.find("req-1")).isPresent();
    }

    @Test
    void aRequestIdLeadingOutOfTheDirectoryIsNotLookedUpEvenWhenSuchAFileExists() throws IOException {
        FileRequestJournal.in(dir).record(entry("evil", T));
        Files.createDirectories(dir.resolve("jobs"));

        assertThat(FileRequestJournal.in(dir.resolve("jobs")).find("../evil")).isEmpty();
        assertThat(FileRequestJournal.in(dir).find("evil")).isPresent();
    }

    @Test
    void anEntryKeepsItsOutputAndEstimateAndKnowsWhetherItIsFinal() {
        JournalEntry e =
                JournalEntry.open("req-1", ENDPOINT, "kling_o3_pro_t2v", T, "fox.mp4", new BigDecimal("0.560"));
        FileRequestJournal journal = FileRequestJournal.in(dir);
        journal.record(e);

        JournalEntry back = journal.find("req-1").orElseThrow();
        assertThat(back.outputPath()).contains("fox.mp4");
        assertThat(back.estimate()).contains(new BigDecimal("0.560"));
        assertThat(entry("req-2", T).outputPath()).isEmpty();
        assertThat(JournalState.OPEN.isFinal()).isFalse();
        assertThat(JournalState.DONE.isFinal()).isTrue();
        assertThat(JournalState.FAILED.isFinal()).isTrue();
        assertThat(JournalState.CANCELLED.isFinal()).isTrue();
    }
}
