package dev.kling4j.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kling4j.core.error.Problem;
import dev.kling4j.core.pricing.BilledSeconds;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Every file of the media corpus (kling-core/src/test/resources/media-corpus, made by ffmpeg and ImageMagick
 * with make-corpus.sh there) is read as ffprobe or identify read it, and accepted or refused as its row in
 * expected.csv says. The files are committed: the test needs no tool.
 */
class MediaCorpusTest {
    static final String CORPUS = "/media-corpus/";

    static Path corpusFile(String name) {
        try {
            return Path.of(MediaCorpusTest.class.getResource(CORPUS + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no corpus file " + name, e);
        }
    }

    @ParameterizedTest(name = "{0}: {9}")
    @CsvFileSource(resources = CORPUS + "expected.csv", numLinesToSkip = 1, nullValues = "-")
    void readsAndJudgesEachCorpusFileAsTheTableSays(
            String file,
            String role,
            String format,
            String codec,
            Integer width,
            Integer height,
            BigDecimal seconds,
            Double fps,
            Integer billed,
            String verdict)
            throws Exception {
        Path path = corpusFile(file);
        MediaRole mediaRole = role.equals("video") ? MediaRole.VIDEO : MediaRole.IMAGE;
        boolean accepted = verdict.equals("accepted");
        boolean whole = accepted || width != null; // the table gives a reading only for files that are whole

        Optional<MediaInfo> found = MediaInspector.inspect(path);
        List<Problem> problems = MediaChecks.standard().check(Media.file(path), mediaRole, "field");

        assertThat(MediaInspector.inspect(Files.readAllBytes(path))).isEqualTo(found);
        if (format == null) {
            assertThat(found).isEmpty();
        } else {
            MediaInfo info = found.orElseThrow();
            assertThat(info.format()).isEqualTo(MediaFormat.valueOf(format));
            assertThat(info.defect().isEmpty()).as("whole: %s", info).isEqualTo(whole);
            if (whole) {
                assertThat(info.width()).isEqualTo(width);
                assertThat(info.height()).isEqualTo(height);
                assertThat(info.codec()).isEqualTo(Optional.ofNullable(codec));
                if (seconds != null) {
                    Duration d = info.duration().orElseThrow();
                    double read = d.getSeconds() + d.getNano() / 1e9;
                    assertThat(read).isCloseTo(seconds.doubleValue(), within(1.5e-6)); // ffprobe prints microseconds
                    assertThat(info.frameRate().orElseThrow()).isCloseTo(fps, within(0.0005));
                } else {
                    assertThat(info.duration()).isEmpty();
                    assertThat(info.frameRate()).isEmpty();
                }
            }
        }
        if (accepted) {
            assertThat(problems).isEmpty();
        } else {
            String fragment = verdict.substring("refused: ".length());
            assertThat(problems)
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.field()).isEqualTo("field"))
                    .anySatisfy(p -> assertThat(p.message()).contains(fragment));
        }
        if (mediaRole == MediaRole.VIDEO) {
            OptionalInt bill = BilledSeconds.ofSourceVideo(Media.file(path));
            if (billed != null) {
                assertThat(bill).hasValue(billed);
            } else if (!whole) {
                assertThat(bill).isEmpty();
            }
        }
    }
}
