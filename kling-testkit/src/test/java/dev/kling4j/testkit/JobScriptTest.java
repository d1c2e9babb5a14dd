package dev.kling4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobScriptTest {
    private static final String PRO = "fal-ai/kling-video/o3/pro/image-to-video";
    private static final String STD = "fal-ai/kling-video/o3/standard/image-to-video";

    @Test
    void theNextJobsScriptWinsOverTheEndpointsWhichWinsOverTheDefaults() {
        Script script = new Script();
        script.defaults()
                .queueTime(Duration.ofMillis(1))
                .runTime(Duration.ofMillis(2))
                .queuePositions(5);
        script.forEndpoint(PRO).runTime(Duration.ofMillis(20)).failWith(500, "runner_server_error", "boom");
        script.nextJob().queuePositions(9).succeed();

        JobScript.Plan first = script.planFor(PRO);
        assertThat(first.queueTime()).isEqualTo(Duration.ofMillis(1));
        assertThat(first.runTime()).isEqualTo(Duration.ofMillis(20));
        assertThat(first.queuePositions()).isEqualTo(9);
        assertThat(first.failure()).isNull();

        JobScript.Plan second = script.planFor(PRO);
        assertThat(second.queuePositions()).isEqualTo(5);
        assertThat(second.failure().errorType()).isEqualTo("runner_server_error");

        JobScript.Plan other = script.planFor(STD);
        assertThat(other.runTime()).isEqualTo(Duration.ofMillis(2));
        assertThat(other.failure()).isNull();
        assertThat(other.sseDropAfter()).isEqualTo(-1);
        assertThat(other.hold()).isFalse();
    }

    @Test
    void withNothingScriptedJobsAreShortAndSucceed() {
        JobScript.Plan plan = new Script().planFor(PRO);
        assertThat(plan.queueTime()).isEqualTo(Duration.ofMillis(10));
        assertThat(plan.runTime()).isEqualTo(Duration.ofMillis(30));
        assertThat(plan.queuePositions()).isEqualTo(1);
        assertThat(plan.failure()).isNull();
        assertThat(plan.rejection()).isNull();
    }

    @Test
    void nonsenseSettingsAreRefusedWithTheirName() {
        JobScript s = new Script().defaults();
        assertThatThrownBy(() -> s.queuePositions(0)).hasMessageContaining("queuePositions");
        assertThatThrownBy(() -> s.runTime(Duration.ofMillis(-1))).hasMessageContaining("runTime");
        assertThatThrownBy(() -> Fault.status(42)).hasMessageContaining("100..599");
        assertThatThrownBy(() -> Fault.slowBody(0, Duration.ZERO)).hasMessageContaining("chunkBytes");
    }
}
