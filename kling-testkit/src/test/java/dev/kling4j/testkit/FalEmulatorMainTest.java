package dev.kling4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FalEmulatorMainTest {

    @Test
    void mainPrintsTheThreeBaseUrlsOfARunningEmulator() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FalEmulator fal = FalEmulatorMain.start(
                new String[] {"--key", "secret", "--retention-seconds", "60"},
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed)
                    .contains(
                            "FAL_QUEUE_URL=" + fal.queueUrl(),
                            "FAL_REST_URL=" + fal.restUrl(),
                            "FAL_API_URL=" + fal.apiUrl())
                    .doesNotContain("secret");
            assertThat(Wire.post(fal.queueUrl() + "/" + Wire.I2V, "{}").statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> FalEmulatorMain.start(new String[] {"--port"}, sink))
                .hasMessageContaining("missing value after --port");
        assertThatThrownBy(() -> FalEmulatorMain.start(new String[] {"--port", "x"}, sink))
                .hasMessageContaining("--port takes a whole number");
        assertThatThrownBy(() -> FalEmulatorMain.start(new String[] {"--colour", "red"}, sink))
                .hasMessageContaining("unknown option --colour");
    }
}
