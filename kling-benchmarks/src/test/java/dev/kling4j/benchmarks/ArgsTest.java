package dev.kling4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {
    @Test
    void valuesFlagsAndDefaults() {
        Args a = new Args(new String[] {"--jobs", "1_000", "--quick"}, List.of("--jobs", "--seed"), List.of("--quick"));

        assertThat(a.intValue("--jobs", 5)).isEqualTo(1000);
        assertThat(a.intValue("--seed", 42)).isEqualTo(42);
        assertThat(a.flag("--quick")).isTrue();
    }

    @Test
    void anUnknownOptionIsRefusedNamingTheKnownOnes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Args(new String[] {"--job", "3"}, "--jobs", "--seed"))
                .withMessage("unknown option --job; the options are [--jobs, --seed]");
    }

    @Test
    void aMissingOrWrongValueIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Args(new String[] {"--jobs"}, "--jobs"))
                .withMessageStartingWith("no value for --jobs");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Args(new String[] {"--jobs", "many"}, "--jobs").intValue("--jobs", 1))
                .withMessage("--jobs takes a whole number, was many");
    }
}
