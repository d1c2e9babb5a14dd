package dev.kling4j.testkit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The emulator's Jackson set-up. kling-core's own mapper is internal to it (not exported), so the emulator keeps
 * one of its own, configured as the client's is: it reads what the client wrote (decimals exact, as fal's server
 * sees them) and writes no nulls.
 */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private Json() {}

    /** The shared mapper; thread-safe, never reconfigured. */
    static ObjectMapper mapper() {
        return MAPPER;
    }
}
