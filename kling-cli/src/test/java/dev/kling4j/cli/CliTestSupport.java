package dev.kling4j.cli;

import dev.kling4j.testkit.FalEmulator;
import dev.kling4j.testkit.RecordedRequest;
import java.util.List;
import java.util.Map;

/** Shared bits of the CLI tests. */
final class CliTestSupport {
    static final String KEY = "test-key-id:test-key-secret";

    private CliTestSupport() {}

    static FalEmulator emulator() {
        return FalEmulator.builder().apiKey(KEY).start();
    }

    /** The submits the emulator received (POSTs to a model endpoint). */
    static List<RecordedRequest> submits(FalEmulator fal) {
        return fal.requests(r -> r.method().equals("POST") && r.path().startsWith("/fal-ai/kling-video/"));
    }

    static Map<String, Object> json(String text) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) Reporter.parse(text);
        return m;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
