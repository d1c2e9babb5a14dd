package dev.kling4j.testkit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The emulator's Jackson set-up (kling-core's is internal to it). The emulator only reads and writes trees; it
 * reads decimals exact, as fal's server sees what the client wrote.
 */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {}

    /** The shared mapper; thread-safe, never reconfigured. */
    static ObjectMapper mapper() {
        return MAPPER;
    }
}
