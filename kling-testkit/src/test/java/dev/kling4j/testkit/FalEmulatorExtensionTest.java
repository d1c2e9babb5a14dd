package dev.kling4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@FalEmulatorTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FalEmulatorExtensionTest {
    private static FalEmulator fromBeforeAll;

    @BeforeAll
    static void remember(FalEmulator fal) {
        fromBeforeAll = fal;
    }

    @Test
    @Order(1)
    void theEmulatorIsInjectedAndServes(FalEmulator fal) {
        assertThat(fal).isSameAs(fromBeforeAll);
        fal.script().defaults().holdInQueue();
        Wire.submit(fal, Wire.I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        assertThat(fal.requests()).hasSize(1);
    }

    @Test
    @Order(2)
    void eachTestStartsWithNoRecordedRequestsScriptsFaultsOrJobCountButTheSameEmulator(FalEmulator fal) {
        assertThat(fal).isSameAs(fromBeforeAll);
        assertThat(fal.requests()).isEmpty();
        assertThat(fal.jobsCreated()).isZero();
        var submitted = Wire.submit(fal, Wire.I2V, "{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        Wire.awaitCompleted(submitted); // not held any more: the script was reset
    }
}
