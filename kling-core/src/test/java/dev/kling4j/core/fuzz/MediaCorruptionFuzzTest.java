package dev.kling4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaChecks;
import dev.kling4j.core.media.MediaInfo;
import dev.kling4j.core.media.MediaInspector;
import dev.kling4j.core.media.MediaRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Real files of the media corpus, corrupted: bytes overwritten, box and chunk sizes set to extremes, files cut.
 * The inspector and the checks read every one without throwing.
 */
class MediaCorruptionFuzzTest {
    static final List<byte[]> CORPUS = corpus();

    static List<byte[]> corpus() {
        try (InputStream table = MediaCorruptionFuzzTest.class.getResourceAsStream("/media-corpus/expected.csv")) {
            List<String> rows = new String(table.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .skip(1)
                    .toList();
            return rows.stream()
                    .map(row -> row.substring(0, row.indexOf(',')))
                    .map(MediaCorruptionFuzzTest::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(String name) {
        try (InputStream in = MediaCorruptionFuzzTest.class.getResourceAsStream("/media-corpus/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One change to a file: at a fraction of its length, a value written over 1 or 4 bytes, or a cut there. */
    record Change(double where, int kind, long value) {
        void apply(byte[][] file) {
            byte[] b = file[0];
            int at = (int) (where * b.length);
            switch (kind) {
                case 0 -> file[0] = Arrays.copyOf(b, at);
                case 1 -> {
                    if (at < b.length) {
                        b[at] = (byte) value;
                    }
                }
                default -> {
                    for (int i = 0; i < 4 && at + i < b.length; i++) {
                        b[at + i] = (byte) (value >>> (24 - 8 * i));
                    }
                }
            }
        }
    }

    @Provide
    Arbitrary<Change> changes() {
        Arbitrary<Long> word = Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, 7L, 8L, 16L, 0x7fffffffL, 0xffffffffL, 0x80000000L),
                Arbitraries.longs().between(0, 0xffffffffL));
        return Combinators.combine(
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.integers().between(0, 2),
                        word)
                .as(Change::new);
    }

    @Provide
    Arbitrary<byte[]> files() {
        return Arbitraries.of(CORPUS);
    }

    @Property(tries = 400)
    void corruptedRealFilesAreReadAndCheckedWithoutThrowing(
            @ForAll("files") byte[] original, @ForAll("changeLists") List<Change> changes, @ForAll MediaRole role) {
        byte[][] file = {original.clone()};
        changes.forEach(c -> c.apply(file));

        Optional<MediaInfo> info = MediaInspector.inspect(file[0]);

        assertThat(info).isNotNull();
        info.ifPresent(i -> assertThat(i.toString()).isNotEmpty());
        assertThat(MediaChecks.standard()
                        .check(Media.bytes(file[0], "application/octet-stream", "fuzzed"), role, "video_url"))
                .isNotNull();
    }

    @Provide
    Arbitrary<List<Change>> changeLists() {
        return changes().list().ofMinSize(1).ofMaxSize(6);
    }
}
