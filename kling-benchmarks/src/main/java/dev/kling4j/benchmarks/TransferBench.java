package dev.kling4j.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kling4j.core.KlingClient;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.media.MediaDownloader;
import dev.kling4j.core.media.MediaUploader;
import dev.kling4j.testkit.FalEmulator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;

/**
 * Upload and download of a large file (issue 10, scenarios 3 and 4): kling4j's {@link MediaUploader} and
 * {@link MediaDownloader} against raw OkHttp streaming the same file to and from the same emulator in the
 * same run, with the peak heap of each transfer.
 *
 * <p>The baseline upload is what a careful hand-written client does: fal's {@code initiate} call, then one
 * {@code PUT} of {@code RequestBody.create(file)}. kling4j uploads the file as a user would (multipart above
 * 90 MiB: 10 MiB parts, 4 at once) and, to separate the client from the protocol, also in one {@code PUT}.
 * The baseline download is a {@code GET} written to a file through Okio; kling4j's writes a temporary file,
 * forces it to disk, checks the size and moves it into place. Each round runs every variant in a rotating
 * order, after a warm-up round, each upload on a fresh emulator (whose copy goes with it); the figure of a
 * variant is its median.
 *
 * <p>Meant to run with {@code -Xmx64m}: it passes only if nothing holds the file in memory (the emulator,
 * in the same JVM, streams uploads to disk too). Peak heap is the sum of the heap pools' peaks during one
 * transfer, an upper bound of what was live at once.
 *
 * <pre>
 * java -Xmx64m -cp "$(cat kling-benchmarks/target/classpath.txt):kling-benchmarks/target/classes" \
 *     dev.kling4j.benchmarks.TransferBench --size-mib 1024 --rounds 7
 * </pre>
 */
public final class TransferBench {
    private static final long MIB = 1024 * 1024;
    private static final MediaType VIDEO = MediaType.get("video/mp4");
    /** Plain Jackson: the baseline's JSON, and the rows' line for a parent process. */
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The upload baseline; the other upload rows are compared with it. */
    public static final String RAW_PUT = "raw OkHttp PUT (RequestBody.create(file))";
    /** kling4j's upload as a user gets it for a file above 90 MiB. */
    public static final String KLING_MULTIPART = "kling4j MediaUploader (multipart, 10 MiB x 4)";
    /** kling4j's upload in one PUT, like the baseline. */
    public static final String KLING_SINGLE = "kling4j MediaUploader (one PUT)";
    /** The download baseline. */
    public static final String RAW_GET = "raw OkHttp GET (Okio sink to file)";
    /** kling4j's download. */
    public static final String KLING_DOWNLOAD = "kling4j MediaDownloader";

    private static final List<String> ORDER = List.of(RAW_PUT, KLING_MULTIPART, KLING_SINGLE, RAW_GET, KLING_DOWNLOAD);

    private TransferBench() {}

    /**
     * One variant's figures.
     *
     * @param variant what moved the bytes
     * @param baseline the variant it is compared with (itself for a baseline)
     * @param bytes the file's size
     * @param seconds the time of each measured transfer, in the order they ran
     * @param medianSeconds the median of those times
     * @param throughputMiBps bytes / median time, in MiB/s
     * @param ratio this variant's throughput over its baseline's (both from medians)
     * @param peakHeapMiB the largest peak heap of its transfers
     */
    public record Row(
            String variant,
            String baseline,
            long bytes,
            List<Double> seconds,
            double medianSeconds,
            double throughputMiBps,
            double ratio,
            long peakHeapMiB) {
        /**
         * The fastest transfer, in seconds.
         *
         * @return the least of {@link #seconds()}
         */
        public double bestSeconds() {
            return Collections.min(seconds);
        }
    }

    /** One way of uploading the file to an emulator; returns the file's URL there. */
    private interface Upload {
        String to(FalEmulator fal, KlingClient client);
    }

    /** What one timed transfer saw. */
    private record Sample(double seconds, long peakHeapBytes) {}

    /**
     * Runs the rounds.
     *
     * @param sizeMiB the file's size in MiB
     * @param rounds how many times each variant runs, measured, after one unmeasured warm-up round
     * @param dir a directory for the file and the downloads (needs about 5 times the size free)
     * @return the upload rows, then the download rows
     * @throws IOException when a local file cannot be written
     */
    public static List<Row> run(int sizeMiB, int rounds, Path dir) throws IOException {
        Path file = dir.resolve("transfer-" + sizeMiB + "MiB.mp4");
        writeFile(file, sizeMiB * MIB);
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        OkHttpClient raw = new OkHttpClient();
        Map<String, Upload> uploads = new LinkedHashMap<>();
        uploads.put(RAW_PUT, (fal, client) -> rawUpload(raw, fal, file));
        // the defaults, which send a 1 GiB file in parts; the threshold is lowered only so that a small file
        // (the smoke test, --quick) goes the same way
        uploads.put(
                KLING_MULTIPART,
                (fal, client) -> client.uploader().multipartThreshold(1).build().upload(Media.file(file)));
        uploads.put(
                KLING_SINGLE,
                (fal, client) -> client.uploader()
                        .multipartThreshold(Long.MAX_VALUE)
                        .build()
                        .upload(Media.file(file)));
        Path sourceDir = Files.createDirectory(dir.resolve("source"));
        try (FalEmulator source = FalEmulator.builder().storageDir(sourceDir).start();
                KlingClient sourceClient = source.newClient()) {
            String url = rawUpload(raw, source, file);
            Path target = dir.resolve("downloaded.mp4");
            Map<String, Runnable> downloads = new LinkedHashMap<>();
            downloads.put(RAW_GET, () -> rawDownload(raw, url, target));
            downloads.put(
                    KLING_DOWNLOAD,
                    () -> sourceClient.downloader().build().downloadTo(url, OptionalLong.of(sizeMiB * MIB), target));
            for (int round = -1; round < rounds; round++) { // round -1 warms up, unmeasured
                Map<String, List<Sample>> into = round < 0 ? new LinkedHashMap<>() : samples;
                for (String variant : rotated(new ArrayList<>(uploads.keySet()), round + 1)) {
                    // Each upload on its own emulator, whose copy goes with it: every transfer then writes
                    // into memory the one before freed, instead of some into fresh pages (measured 2-4x slower).
                    Path stored = Files.createDirectory(dir.resolve("upload"));
                    try (FalEmulator fal =
                                    FalEmulator.builder().storageDir(stored).start();
                            KlingClient client = fal.newClient()) {
                        into.computeIfAbsent(variant, k -> new ArrayList<>())
                                .add(timed(() -> uploads.get(variant).to(fal, client)));
                    } finally {
                        deleteTree(stored);
                    }
                }
                for (String variant : rotated(new ArrayList<>(downloads.keySet()), round + 1)) {
                    into.computeIfAbsent(variant, k -> new ArrayList<>()).add(timed(downloads.get(variant)));
                    if (Files.size(target) != sizeMiB * MIB) {
                        throw new IllegalStateException(variant + " wrote " + Files.size(target) + " bytes");
                    }
                    Files.delete(target);
                }
            }
        } finally {
            raw.dispatcher().executorService().shutdown();
            raw.connectionPool().evictAll();
            Files.deleteIfExists(file);
            deleteTree(sourceDir);
        }
        List<Row> rows = new ArrayList<>();
        for (String variant : ORDER) {
            List<Sample> own = samples.get(variant);
            String baseline = variant.equals(RAW_GET) || variant.equals(KLING_DOWNLOAD) ? RAW_GET : RAW_PUT;
            double median = median(own);
            double ratio = median(samples.get(baseline)) / median;
            long peak = own.stream().mapToLong(Sample::peakHeapBytes).max().orElse(0);
            rows.add(new Row(
                    variant,
                    baseline,
                    sizeMiB * MIB,
                    own.stream().map(Sample::seconds).toList(),
                    median,
                    sizeMiB / median,
                    ratio,
                    peak / MIB));
        }
        return rows;
    }

    private static String rawUpload(OkHttpClient raw, FalEmulator fal, Path file) {
        Request initiate = new Request.Builder()
                .url(fal.restUrl() + "/storage/upload/initiate?storage_type=fal-cdn-v3")
                .header("Authorization", "Key bench")
                .post(RequestBody.create(
                        "{\"content_type\":\"video/mp4\",\"file_name\":\"" + file.getFileName() + "\"}",
                        MediaType.get("application/json")))
                .build();
        try (Response r = raw.newCall(initiate).execute()) {
            JsonNode target = JSON.readTree(r.body().string());
            Request put = new Request.Builder()
                    .url(target.get("upload_url").asText())
                    .put(RequestBody.create(file.toFile(), VIDEO))
                    .build();
            try (Response p = raw.newCall(put).execute()) {
                if (!p.isSuccessful()) {
                    throw new IllegalStateException("raw PUT answered " + p.code());
                }
            }
            return target.get("file_url").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rawDownload(OkHttpClient raw, String url, Path target) {
        try (Response r = raw.newCall(new Request.Builder().url(url).build()).execute();
                BufferedSink sink = Okio.buffer(Okio.sink(target))) {
            if (!r.isSuccessful()) {
                throw new IllegalStateException("raw GET answered " + r.code());
            }
            sink.writeAll(r.body().source());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Times one transfer, after a GC, with the heap pools' peaks reset. */
    private static Sample timed(Runnable transfer) {
        HeapPeak heap = HeapPeak.start();
        long start = System.nanoTime();
        transfer.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.bytes();
        return new Sample(seconds, peak);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Collections.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double median(List<Sample> samples) {
        List<Double> s = new ArrayList<>(samples.stream().map(Sample::seconds).toList());
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static <T> List<T> rotated(List<T> items, int by) {
        Collections.rotate(items, -(by % items.size()));
        return items;
    }

    /** Writes a file of random bytes (incompressible, as video is), one random MiB repeated. */
    private static void writeFile(Path file, long size) throws IOException {
        byte[] block = new byte[(int) MIB];
        new SplittableRandom(1).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long done = 0; done < size; done += block.length) {
                out.write(block, 0, (int) Math.min(block.length, size - done));
            }
        }
    }

    /**
     * Prints the rows as a table.
     *
     * @param rows the rows
     * @param out where
     */
    public static void print(List<Row> rows, PrintStream out) {
        out.printf("%-48s %9s %7s %9s %7s %15s%n", "transfer", "median s", "best s", "MiB/s", "ratio", "peak heap MiB");
        for (Row r : rows) {
            out.printf(
                    "%-48s %9.2f %7.2f %9.0f %7.2f %15d%n",
                    r.variant(), r.medianSeconds(), r.bestSeconds(), r.throughputMiBps(), r.ratio(), r.peakHeapMiB());
        }
        out.println("every measured transfer, in seconds, in the order run:");
        for (Row r : rows) {
            out.printf(
                    "  %-46s %s%n",
                    r.variant(),
                    r.seconds().stream().map(x -> String.format("%.2f", x)).collect(Collectors.joining(" ")));
        }
    }

    /**
     * Where the files go: a memory-backed {@code /dev/shm} when it has room for five copies, so that the
     * machine's disk (shared, and slower than loopback) is not what is measured; else {@code java.io.tmpdir}.
     */
    static Path workDirectory(long size) throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm)
                && Files.isWritable(shm)
                && Files.getFileStore(shm).getUsableSpace() > 5 * size) {
            return Files.createTempDirectory(shm, "kling4j-transfer-bench");
        }
        return Files.createTempDirectory("kling4j-transfer-bench");
    }

    /** Starts the line with the rows as JSON, for a parent process ({@link Benchmarks}); see {@code --json}. */
    private static final String JSON_LINE = "rows as json: ";

    /**
     * The rows a {@code --json} run printed, when the line is that one.
     *
     * @param line a line of the output
     * @return the rows, or empty for any other line
     * @throws IOException when the line is that one but not valid
     */
    static Optional<List<Row>> rowsOf(String line) throws IOException {
        if (!line.startsWith(JSON_LINE)) {
            return Optional.empty();
        }
        return Optional.of(List.of(JSON.readValue(line.substring(JSON_LINE.length()), Row[].class)));
    }

    /**
     * Runs the benchmark: {@code --size-mib N} (default 1024), {@code --rounds R} (default 7), {@code --json}
     * to end with the rows as one line of JSON, in
     * {@link #workDirectory}. Exits 1 when a transfer fails (an {@code OutOfMemoryError} under
     * {@code -Xmx64m} among them).
     *
     * @param args the options
     * @throws IOException when the work directory cannot be made
     */
    public static void main(String[] args) throws IOException {
        Args a = new Args(args, List.of("--size-mib", "--rounds"), List.of("--json"));
        int sizeMiB = a.intValue("--size-mib", 1024);
        Path dir = workDirectory(sizeMiB * MIB);
        int status = 0;
        try {
            System.out.println(Machine.describe("transfers of " + sizeMiB + " MiB in " + dir.getParent()));
            List<Row> rows = run(sizeMiB, a.intValue("--rounds", 7), dir);
            print(rows, System.out);
            if (a.flag("--json")) {
                System.out.println(JSON_LINE + JSON.writeValueAsString(rows));
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            System.out.println("FAILED: " + e);
            status = 1;
        } finally {
            deleteTree(dir);
        }
        System.exit(status);
    }
}
