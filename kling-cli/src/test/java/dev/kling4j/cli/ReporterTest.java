package dev.kling4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReporterTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    Reporter reporter(boolean terminal) {
        return new Reporter(CliContext.of(Map.of(), Path.of("home"), Path.of("."), new PrintWriter(out), new PrintWriter(err),
                terminal), false, false);
    }

    @Test
    void onATerminalProgressIsOneBarRedrawnInPlace() {
        Reporter r = reporter(true);
        for (long done = 0; done <= 1000; done += 100) {
            r.transfer("download", "/tmp/x/fox.mp4", done, 1000);
        }

        assertThat(err.toString()).contains("\rdownload fox.mp4 [##########          ] 50% ", "[####################] 100% ")
                .endsWith(System.lineSeparator());
        assertThat(err.toString().chars().filter(c -> c == '\n').count()).as("one line, redrawn with \\r").isEqualTo(1);
    }

    @Test
    void withoutATerminalProgressIsALinePerQuarter() {
        Reporter r = reporter(false);
        for (long done = 0; done <= 1000; done += 100) {
            r.transfer("upload", "a.png", done, 1000);
        }

        assertThat(err.toString().lines()).extracting(l -> l.replaceAll(".*\\((\\d+)%\\)", "$1"))
                .containsExactly("0", "30", "50", "80", "100");
        assertThat(err.toString()).doesNotContain("\r");
    }
}
