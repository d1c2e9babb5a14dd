package dev.kling4j.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kling4j.core.JsonValue;
import dev.kling4j.core.VideoFile;
import dev.kling4j.core.media.Media;
import dev.kling4j.core.model.Element;
import dev.kling4j.ref.ReferenceToVideo;
import dev.kling4j.ref.ReferenceToVideoRequest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Per-request client overhead (issue 10, scenario 5), with JMH: what kling4j does to one full
 * reference-to-video request on the way out (build with the typed builder, which validates it against the
 * endpoint table and lints its {@code @}-references, turn it into the wire body, serialise it as the submit
 * does) and to its result on the way back (parse, read the video), each beside plain Jackson doing only the
 * serialising or parsing of the same JSON. Time per operation and, the steadier figure on a shared machine,
 * bytes allocated per operation ({@code -prof gc}).
 *
 * <pre>
 * java -cp "$(cat kling-benchmarks/target/classpath.txt):kling-benchmarks/target/classes" \
 *     dev.kling4j.benchmarks.RequestOverheadBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class RequestOverheadBench {
    /** A result as fal sends it for a finished reference-to-video job. */
    static final String RESULT = "{\"video\":{\"url\":\"https://v3.fal.media/files/rabbit/2Jc3Lr6yq1z_output.mp4\","
            + "\"content_type\":\"video/mp4\",\"file_name\":\"output.mp4\",\"file_size\":18273645}}";

    private static final ReferenceToVideo MODEL = ReferenceToVideo.PRO;
    /**
     * Configured as kling-core's own mapper, which serialises the submit (QueueClient) and is internal to
     * kling-core: no nulls written, decimals exact.
     */
    private static final ObjectMapper SUBMIT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private final ObjectMapper plain = new ObjectMapper();
    /** The wire body kling4j sends for {@link #request()}, as plain maps: what the baseline serialises. */
    private final Map<String, Object> wire = MODEL.toWire(request(), RequestOverheadBench::urlOf);

    /** Creates the benchmark's state (JMH does, once per fork). */
    public RequestOverheadBench() {}

    /**
     * The request: two elements with reference images and a voice, a scene image, a first frame, a prompt
     * naming all three, ten seconds with sound.
     *
     * @return a validated request
     */
    static ReferenceToVideoRequest request() {
        return ReferenceToVideoRequest.builder()
                .element(Element.builder()
                        .frontalImage(Media.url("https://v3.fal.media/files/knight-front.png"))
                        .referenceImage(Media.url("https://v3.fal.media/files/knight-side.png"))
                        .referenceImage(Media.url("https://v3.fal.media/files/knight-back.png"))
                        .voiceId("voice-knight-01")
                        .build())
                .element(Element.builder()
                        .frontalImage(Media.url("https://v3.fal.media/files/wizard-front.png"))
                        .referenceImage(Media.url("https://v3.fal.media/files/wizard-side.png"))
                        .build())
                .referenceImage(Media.url("https://v3.fal.media/files/great-hall.png"))
                .startFrame(Media.url("https://v3.fal.media/files/first-frame.png"))
                .prompt("@Element1 kneels before @Element2 in the great hall of @Image1; candles flicker, the "
                        + "camera circles slowly and the knight speaks an oath")
                .duration(10)
                .aspectRatio("16:9")
                .audio(true)
                .build();
    }

    private static String urlOf(Media media) {
        return media.url().orElseThrow();
    }

    /**
     * kling4j on the way out: build and validate, then the submit's serialisation of the wire body.
     *
     * @return the body bytes
     * @throws JsonProcessingException never, for this body
     */
    @Benchmark
    public byte[] kling4jRequest() throws JsonProcessingException {
        // the submit serialises with the library's mapper (QueueClient), so this does with one configured alike
        return SUBMIT.writeValueAsBytes(MODEL.toWire(request(), RequestOverheadBench::urlOf));
    }

    /**
     * The baseline on the way out: plain Jackson serialising the same body, already built.
     *
     * @return the body bytes
     * @throws JsonProcessingException never, for this body
     */
    @Benchmark
    public byte[] jacksonRequest() throws JsonProcessingException {
        return plain.writeValueAsBytes(wire);
    }

    /**
     * kling4j on the way back: the result parsed as the queue client does, and its video read as the job flow does.
     *
     * @return the video's URL
     */
    @Benchmark
    public String kling4jResult() {
        return JsonValue.parse(RESULT)
                .get("video")
                .orElseThrow()
                .as(VideoFile.class)
                .url();
    }

    /**
     * The baseline on the way back: plain Jackson reading the result into a tree and the URL out of it.
     *
     * @return the video's URL
     * @throws JsonProcessingException never, for this body
     */
    @Benchmark
    public String jacksonResult() throws JsonProcessingException {
        return plain.readTree(RESULT).get("video").get("url").asText();
    }

    /**
     * One benchmark's figures.
     *
     * @param benchmark the method
     * @param microsPerOp the mean time per operation, in microseconds
     * @param error JMH's error of that mean (99.9 %)
     * @param bytesPerOp bytes allocated per operation
     */
    public record Row(String benchmark, double microsPerOp, double error, double bytesPerOp) {}

    /**
     * Runs the benchmarks with JMH in forked JVMs.
     *
     * @param quick one fork and short iterations (about 25 s in all) instead of the annotated settings
     * @param jmhOutput whether JMH prints its own progress and results
     * @return a row per benchmark
     * @throws RunnerException when JMH fails
     */
    public static List<Row> run(boolean quick, boolean jmhOutput) throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        options.include(RequestOverheadBench.class.getName() + "\\.")
                .addProfiler(GCProfiler.class)
                .verbosity(jmhOutput ? VerboseMode.NORMAL : VerboseMode.SILENT);
        if (quick) {
            options.forks(1)
                    .warmupIterations(2)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            String name = r.getParams().getBenchmark();
            rows.add(new Row(
                    name.substring(name.lastIndexOf('.') + 1),
                    primary.getScore(),
                    primary.getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()));
        }
        return rows;
    }

    /**
     * Prints kling4j beside its baseline, on the way out and on the way back.
     *
     * @param rows the rows of {@link #run}
     * @param out where
     */
    public static void print(List<Row> rows, PrintStream out) {
        out.printf("%-16s %10s %9s %10s %14s %10s%n", "benchmark", "us/op", "+-", "B/op", "time x base", "B x base");
        for (String step : List.of("Request", "Result")) {
            Row kling = find(rows, "kling4j" + step);
            Row base = find(rows, "jackson" + step);
            out.printf(
                    "%-16s %10.2f %9.2f %10.0f %14s %10s%n",
                    base.benchmark(), base.microsPerOp(), base.error(), base.bytesPerOp(), "1.00", "1.00");
            out.printf(
                    "%-16s %10.2f %9.2f %10.0f %14.2f %10.2f%n",
                    kling.benchmark(),
                    kling.microsPerOp(),
                    kling.error(),
                    kling.bytesPerOp(),
                    kling.microsPerOp() / base.microsPerOp(),
                    kling.bytesPerOp() / base.bytesPerOp());
        }
    }

    private static Row find(List<Row> rows, String benchmark) {
        return rows.stream()
                .filter(r -> r.benchmark().equals(benchmark))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("JMH reported no " + benchmark));
    }

    /**
     * Runs the benchmarks: {@code --quick} for one short fork.
     *
     * @param args the options
     * @throws RunnerException when JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        Args a = new Args(args, List.of(), List.of("--quick"));
        List<Row> rows = run(a.flag("--quick"), true);
        System.out.println(Machine.describe("per-request overhead"));
        print(rows, System.out);
    }
}
