package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.journal.FileRequestJournal;
import dev.kling4j.core.queue.JobStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The display, decided by whether stderr is a terminal: on one, a single live line redrawn in place (the
 * status with its clock ticking, or the transfers as a bar that fits the width); elsewhere, plain lines. The
 * terminal, its width and the clock are injected: nothing here depends on a real terminal or on real time.
 */
class ReporterTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @TempDir
    Path dir;

    Reporter reporter(boolean terminal, int columns) {
        CliContext ctx = CliContext.of(Map.of(), dir.resolve("home"), dir, new PrintWriter(out), new PrintWriter(err))
                .withTerminal(terminal, terminal, columns, false)
                .withClock(nanos::get);
        return new Reporter(ctx, false, false);
    }

    void advance(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    static JobStatus status(String json) {
        return JobStatus.parse("req-1", json);
    }

    /** What a terminal shows of each redraw: the text between carriage returns, without the erase sequence. */
    List<String> frames() {
        return Arrays.stream(err.toString().split("[\r\n]"))
                .map(f -> f.replace("\033[K", ""))
                .filter(f -> !f.isEmpty())
                .toList();
    }

    @Test
    void whileWaitingOneStatusLineIsRedrawnInPlaceWithItsClockTicking() {
        Reporter r = reporter(true, 80);
        r.waiting(nanos.get());
        r.status(status("{\"status\":\"IN_QUEUE\",\"queue_position\":2}"), Duration.ZERO);
        advance(5_000);
        r.tick();
        r.status(status("{\"status\":\"IN_PROGRESS\"}"), Duration.ofSeconds(5));
        advance(61_000);
        r.tick();

        assertThat(err.toString())
                .doesNotContain("\n")
                .contains(
                        "\rstatus: IN_QUEUE (queue position 2) · 0:00",
                        "\rstatus: IN_QUEUE (queue position 2) · 0:05",
                        "\rstatus: IN_PROGRESS · 0:05",
                        "\rstatus: IN_PROGRESS · 1:06");

        r.status(status("{\"status\":\"COMPLETED\"}"), Duration.ofSeconds(66));
        assertThat(err.toString())
                .as("the end is a lasting line")
                .endsWith("\r\033[Kstatus: COMPLETED after 66 s" + System.lineSeparator());
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 70, 120})
    void transferBarsFitTheTerminalWithRateAndTimeLeft(int columns) {
        Reporter r = reporter(true, columns);
        long total = 137L * 1024 * 1024;
        for (long done = 0; done < total; done += total / 20) {
            r.transfer("upload", "/home/me/videos/a-rather-long-file-name-for-the-source-video.mp4", done, total);
            advance(500);
        }
        r.transfer("upload", "/home/me/videos/a-rather-long-file-name-for-the-source-video.mp4", total, total);

        assertThat(frames()).allSatisfy(f -> assertThat(f.length()).as(f).isLessThan(columns));
        assertThat(err.toString().chars().filter(c -> c == '\n').count())
                .as("one lasting line at the end")
                .isEqualTo(1);
        String late = frames().get(frames().size() - 2);
        assertThat(late).contains("%", "MB");
        if (columns >= 70) {
            assertThat(late).contains("MB/s", "left", "[#");
        }
        String last = frames().get(frames().size() - 1);
        assertThat(last).startsWith("upload a-r");
        if (columns >= 70) {
            assertThat(last).startsWith("upload a-rather-long").contains("137.0 MB in ", "MB/s)");
        }
    }

    @Test
    void theBarKeepsItsLengthAsTheRateAppearsAndNeverGoesBackWhenPartsReportOutOfOrder() {
        Reporter r = reporter(true, 80);
        long total = 100L << 20;
        for (long mib : new long[] {10, 30, 20, 50, 40, 70}) { // parts of a multipart upload, from several threads
            r.transfer("upload", "big.mp4", mib << 20, total);
            advance(300);
        }

        List<String> bars =
                frames().stream().filter(f -> f.startsWith("upload big.mp4 [")).toList();
        assertThat(bars)
                .hasSize(4)
                .allSatisfy(
                        f -> assertThat(f.indexOf(']')).isEqualTo(bars.get(0).indexOf(']')));
        assertThat(bars).extracting(f -> f.replaceAll(".*\\] (\\d+)%.*", "$1")).containsExactly("10", "30", "50", "70");
        assertThat(bars.get(3)).contains("MB/s", "left");
    }

    @Test
    void aMessageWhileTheLineIsUpIsPrintedAboveItAndTheLineComesBack() {
        Reporter r = reporter(true, 80);
        r.waiting(nanos.get());
        r.status(status("{\"status\":\"IN_PROGRESS\"}"), Duration.ZERO);

        r.note("log: step 3 of 10");

        assertThat(err.toString())
                .endsWith("\r\033[Klog: step 3 of 10" + System.lineSeparator() + "\rstatus: IN_PROGRESS · 0:00\033[K");
    }

    @Test
    void anInterruptMessageStartsOnANewLineUnderTheLastStatus() {
        Reporter r = reporter(true, 80);
        InterruptGuard guard = InterruptGuard.install(
                CliContext.of(Map.of(), dir, dir, new PrintWriter(out), new PrintWriter(err)),
                r,
                FileRequestJournal.in(dir.resolve("jobs")),
                false);
        guard.enqueued("req-1", () -> null, "kling resume req-1");
        r.waiting(nanos.get());
        r.status(status("{\"status\":\"IN_PROGRESS\"}"), Duration.ZERO);
        advance(12_000);
        r.tick();

        guard.interrupted();
        r.tick(); // the clock's thread may fire once more: it must not draw over the message

        assertThat(err.toString())
                .endsWith("\rstatus: IN_PROGRESS · 0:12\033[K" + System.lineSeparator()
                        + "interrupted: the job keeps running at fal; continue with: kling resume req-1"
                        + System.lineSeparator());
    }

    @Test
    void withoutATerminalStatusIsALinePerChangeAndProgressALinePerQuarter() {
        Reporter r = reporter(false, 80);
        r.waiting(nanos.get());
        r.status(status("{\"status\":\"IN_QUEUE\",\"queue_position\":1}"), Duration.ZERO);
        r.tick();
        r.status(status("{\"status\":\"IN_QUEUE\",\"queue_position\":1}"), Duration.ofSeconds(1));
        r.status(status("{\"status\":\"IN_PROGRESS\"}"), Duration.ofSeconds(3));
        for (long done = 0; done <= 1000; done += 100) {
            r.transfer("upload", "a.png", done, 1000);
        }

        assertThat(err.toString()).doesNotContain("\r", "\033");
        assertThat(err.toString().lines())
                .containsExactly(
                        "status: IN_QUEUE (queue position 1) after 0 s",
                        "status: IN_PROGRESS after 3 s",
                        "upload a.png: 0 KB of 1 KB (0%)",
                        "upload a.png: 1 KB of 1 KB (30%)",
                        "upload a.png: 1 KB of 1 KB (50%)",
                        "upload a.png: 1 KB of 1 KB (80%)",
                        "upload a.png: 1 KB of 1 KB (100%)");
    }

    @Test
    void colourIsOnlyForATerminalAndNeverWithNoColorOrADumbTerminal() {
        assertThat(Terminal.colourAllowed(Map.of())).isTrue();
        assertThat(Terminal.colourAllowed(Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(Terminal.colourAllowed(Map.of("TERM", "dumb"))).isFalse();
        CliContext plain = CliContext.of(Map.of(), dir, dir, new PrintWriter(out), new PrintWriter(err));
        assertThat(plain.withTerminal(false, false, 80, true).style().on()).isFalse();
        assertThat(plain.withTerminal(true, true, 80, true).style().on()).isTrue();
        assertThat(Style.ANSI.label("error: no")).isEqualTo("\033[1;31merror:\033[0m no");
        assertThat(Style.ANSI.label("warning: hm")).isEqualTo("\033[33mwarning:\033[0m hm");
        assertThat(Style.PLAIN.label("error: no")).isEqualTo("error: no");
    }

    @Test
    void theWidthComesFromColumnsWhenTheUserSetsIt() {
        assertThat(Terminal.width(Map.of("COLUMNS", "70"))).isEqualTo(70);
        assertThat(Terminal.width(Map.of("COLUMNS", "3")))
                .as("never absurdly narrow")
                .isEqualTo(20);
    }
}
