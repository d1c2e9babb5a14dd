package dev.kling4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transfer benchmark on a small file, so that it keeps working; figures come from its main. */
class TransferBenchSmokeTest {
    @Test
    void everyVariantMovesTheWholeFileAndNothingIsLeftBehind(@TempDir Path dir) throws Exception {
        List<TransferBench.Row> rows = TransferBench.run(12, 2, dir);

        assertThat(rows)
                .extracting(TransferBench.Row::variant)
                .containsExactly(
                        TransferBench.RAW_PUT,
                        TransferBench.KLING_MULTIPART,
                        TransferBench.KLING_SINGLE,
                        TransferBench.RAW_GET,
                        TransferBench.KLING_DOWNLOAD);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.seconds()).hasSize(2);
            assertThat(r.ratio()).isPositive();
            assertThat(r.bytes()).isEqualTo(12L << 20);
        });
        assertThat(rows.get(0).ratio()).isEqualTo(1.0);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransferBench.print(rows, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("multipart", "peak heap MiB", "MediaDownloader");
    }
}
