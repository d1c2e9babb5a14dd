package dev.kling4j.core;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A file fal produced: the {@code video} of a Kling result. Unknown fields are kept.
 */
public final class VideoFile {
    private final String url;
    private final String contentType;
    private final String fileName;
    private final Long fileSize;
    private final Map<String, JsonValue> additionalProperties = new LinkedHashMap<>();

    @JsonCreator
    VideoFile(
            @JsonProperty("url") String url,
            @JsonProperty("content_type") String contentType,
            @JsonProperty("file_name") String fileName,
            @JsonProperty("file_size") Long fileSize) {
        this.url = Objects.requireNonNull(url, "video.url");
        this.contentType = contentType;
        this.fileName = fileName;
        this.fileSize = fileSize;
    }

    @JsonAnySetter
    void putAdditional(String name, Object value) {
        additionalProperties.put(name, JsonValue.of(value));
    }

    /**
     * Where the video is; public to anyone who has the URL, and kept by fal for a limited time.
     *
     * @return the URL
     */
    public String url() {
        return url;
    }

    /**
     * The MIME type, e.g. {@code video/mp4}.
     *
     * @return the type, or empty when fal did not say
     */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /**
     * fal's file name, e.g. {@code output.mp4}.
     *
     * @return the name, or empty when fal did not say
     */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /**
     * The size in bytes; downloads are checked against it.
     *
     * @return the size, or empty when fal did not say
     */
    public OptionalLong fileSize() {
        return fileSize == null ? OptionalLong.empty() : OptionalLong.of(fileSize);
    }

    /**
     * Fields fal sent that this version of kling4j does not model.
     *
     * @return an unmodifiable map
     */
    public Map<String, JsonValue> additionalProperties() {
        return java.util.Collections.unmodifiableMap(additionalProperties);
    }

    @Override
    public String toString() {
        return "VideoFile{url=" + url + ", contentType=" + contentType + ", fileName=" + fileName + ", fileSize="
                + fileSize + "}";
    }
}
