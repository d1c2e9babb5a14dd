package dev.kling4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The overhead benchmark compares like with like: kling4j and the baseline write the same JSON and read the
 * same URL. JMH itself runs from the benchmark's main, not here.
 */
class RequestOverheadBenchTest {
    private final RequestOverheadBench bench = new RequestOverheadBench();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void kling4jAndPlainJacksonWriteTheSameFullReferenceToVideoBody() throws Exception {
        JsonNode kling = mapper.readTree(bench.kling4jRequest());
        JsonNode plain = mapper.readTree(bench.jacksonRequest());

        assertThat(kling).isEqualTo(plain);
        assertThat(kling.get("elements")).hasSize(2);
        assertThat(kling.get("elements").get(0).get("reference_image_urls")).hasSize(2);
        assertThat(kling.get("duration").asText()).isEqualTo("10");
        assertThat(kling.get("prompt").asText()).contains("@Element1", "@Element2", "@Image1");
    }

    @Test
    void bothReadTheSameVideoUrlFromTheResult() throws Exception {
        assertThat(bench.kling4jResult())
                .isEqualTo(bench.jacksonResult())
                .isEqualTo("https://v3.fal.media/files/rabbit/2Jc3Lr6yq1z_output.mp4");
    }

    @Test
    void theTablePutsEachStepBesideItsBaseline() {
        List<RequestOverheadBench.Row> rows = List.of(
                new RequestOverheadBench.Row("jacksonRequest", 2.0, 0.1, 1000),
                new RequestOverheadBench.Row("kling4jRequest", 10.0, 0.5, 8000),
                new RequestOverheadBench.Row("jacksonResult", 1.0, 0.1, 2000),
                new RequestOverheadBench.Row("kling4jResult", 1.5, 0.1, 3000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        RequestOverheadBench.print(rows, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("kling4jRequest\\s+10\\.00\\s+0\\.50\\s+8000\\s+5\\.00\\s+8\\.00")
                .containsPattern("kling4jResult\\s+1\\.50\\s+0\\.10\\s+3000\\s+1\\.50\\s+1\\.50");
    }
}
