package dev.kling4j.core.media;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kling4j.core.error.KlingException;
import dev.kling4j.core.error.KlingTransportException;
import dev.kling4j.core.error.TransferStalledException;
import dev.kling4j.core.internal.ClientAccess;
import dev.kling4j.core.internal.ClientContext;
import dev.kling4j.core.internal.http.HttpCall;
import dev.kling4j.core.internal.http.HttpErrors;
import dev.kling4j.core.internal.http.HttpTransport;
import dev.kling4j.core.internal.http.RetryMode;
import dev.kling4j.core.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Uploads local files and bytes to fal storage, so that a request can send their URLs.
 *
 * <p>The protocol is fal's ({@code fal-protocol.md} §9): {@code initiate} then one {@code PUT}; above the
 * multipart threshold (default 90 MiB), {@code initiate-multipart}, parts of 10 MiB sent several at once
 * (default 4), then {@code complete}. Every body is streamed from the file (heap use does not grow with
 * the file) and is re-readable, so the client's retry policy repeats a failed part without re-reading
 * anything into memory. URLs and data URIs are returned as they are. {@link #uploadAll} uploads each
 * distinct {@link Media} once, so a file used twice in a request is sent once.
 *
 * <p>The API key goes with the {@code initiate} calls only (to the client's REST URL), as in fal's own
 * clients: the {@code PUT} to the upload URL fal returns, the part {@code PUT}s and the {@code complete} call
 * are authorised by that signed URL and carry no credentials. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * MediaUploader uploader = client.uploader().partConcurrency(8).listener(progress).build();
 * Map<Media, String> urls = uploader.uploadAll(List.of(hero, hero, background)); // hero uploaded once
 * }</pre>
 */
public final class MediaUploader {
    private static final long MIB = 1024 * 1024;
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpTransport transport;
    private final ExecutorService uploads;
    private final HttpUrl restUrl;
    private final long multipartThreshold;
    private final long partSize;
    private final int partConcurrency;
    private final TransferListener listener;
    private final Duration stallTimeout;

    private MediaUploader(Builder b) {
        this.transport = b.context.resources().transport();
        this.uploads = b.context.resources().uploads();
        this.restUrl = b.context.restUrl();
        this.multipartThreshold = b.multipartThreshold;
        this.partSize = b.partSize;
        this.partConcurrency = b.partConcurrency;
        this.listener = b.listener;
        this.stallTimeout = b.context.transferStall();
    }

    /**
     * Uploads one media input if it needs it.
     *
     * @param media the input
     * @return the URL fal can read: the uploaded file's URL, or the URL or data URI given
     * @throws KlingException when fal refuses a step (its status mapped as everywhere in kling4j) or the
     *     connection fails after the client's retries
     * @throws UncheckedIOException when the file cannot be read
     */
    public String upload(Media media) {
        Objects.requireNonNull(media, "media");
        if (!media.needsUpload()) {
            return media.url().orElseThrow();
        }
        Path path = media.path().orElse(null);
        byte[] bytes = path == null ? media.bytes().orElseThrow() : null;
        long size;
        try {
            size = path == null ? bytes.length : Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        String name = media.fileName().orElse("upload");
        String type = media.contentType().orElseGet(() -> contentTypeOf(media, path, bytes));
        Upload upload = new Upload(media.describe(), path, bytes, size, name, MediaType.get(type));
        return size > multipartThreshold ? upload.multipart() : upload.single();
    }

    /**
     * Uploads every distinct input once, in the order given (multipart parts of one file go in parallel).
     *
     * @param media the inputs, duplicates allowed
     * @return each distinct input mapped to its URL, in first-seen order
     * @throws KlingException as {@link #upload}
     */
    public Map<Media, String> uploadAll(Collection<Media> media) {
        Map<Media, String> urls = new LinkedHashMap<>();
        for (Media m : media) {
            if (!urls.containsKey(m)) {
                urls.put(m, upload(m));
            }
        }
        return urls;
    }

    private static String contentTypeOf(Media media, Path path, byte[] bytes) {
        try {
            return (path != null ? MediaInspector.inspect(path) : MediaInspector.inspect(bytes))
                    .map(info -> info.format().mimeType())
                    .orElseGet(() -> byExtension(media));
        } catch (UncheckedIOException e) {
            return byExtension(media);
        }
    }

    private static String byExtension(Media media) {
        String ext = media.extension().orElse("");
        for (MediaFormat f : MediaFormat.values()) {
            if (f.extensions().contains(ext)) {
                return f.mimeType();
            }
        }
        return "application/octet-stream";
    }

    /** One file's upload: its bytes, its progress, and the calls that send it. */
    private final class Upload {
        private final String what;
        private final Path path;
        private final byte[] bytes;
        private final long size;
        private final String name;
        private final MediaType type;
        private final AtomicLong reported = new AtomicLong(-1);

        Upload(String what, Path path, byte[] bytes, long size, String name, MediaType type) {
            this.what = what;
            this.path = path;
            this.bytes = bytes;
            this.size = size;
            this.name = name;
            this.type = type;
        }

        String single() {
            JsonNode target = initiate("initiate");
            HttpUrl uploadUrl = url(target, "upload_url", what);
            RequestBody body = new RegionBody(path, bytes, 0, size, type, this::report, stallTimeout);
            stalledAs(
                            what,
                            size,
                            () -> send(
                                    new Request.Builder()
                                            .url(uploadUrl)
                                            .put(body)
                                            .build(),
                                    false))
                    .close();
            return target.path("file_url").asText();
        }

        String multipart() {
            JsonNode target = initiate("initiate-multipart");
            HttpUrl uploadUrl = url(target, "upload_url", what);
            int parts = (int) ((size + partSize - 1) / partSize);
            AtomicLongArray sent = new AtomicLongArray(parts);
            // The client's upload threads carry the parts: partConcurrency workers, each taking the next part
            // until none is left, so a file never gets a thread pool of its own. The first failure stops the
            // workers from taking more parts.
            String[] etags = new String[parts];
            AtomicInteger next = new AtomicInteger();
            AtomicReference<RuntimeException> failed = new AtomicReference<>();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < Math.min(partConcurrency, parts); w++) {
                workers.add(uploads.submit(() -> {
                    for (int i = next.getAndIncrement();
                            i < parts && failed.get() == null;
                            i = next.getAndIncrement()) {
                        try {
                            etags[i] = part(uploadUrl, i, sent);
                        } catch (RuntimeException e) {
                            failed.compareAndSet(null, e);
                        }
                    }
                }));
            }
            workers.forEach(MediaUploader::await);
            if (failed.get() != null) {
                throw failed.get();
            }
            ArrayNode done = Json.mapper().createArrayNode();
            for (int i = 0; i < parts; i++) {
                done.addObject().put("partNumber", i + 1).put("etag", etags[i]);
            }
            ObjectNode completion = Json.mapper().createObjectNode();
            completion.set("parts", done);
            HttpUrl completeUrl =
                    uploadUrl.newBuilder().addPathSegment("complete").build();
            send(new Request.Builder().url(completeUrl).post(json(completion)).build(), false)
                    .close();
            return target.path("file_url").asText();
        }

        private String part(HttpUrl uploadUrl, int index, AtomicLongArray sent) {
            long offset = index * partSize;
            long length = Math.min(partSize, size - offset);
            RequestBody body = new RegionBody(
                    path,
                    bytes,
                    offset,
                    length,
                    type,
                    n -> {
                        sent.set(index, n);
                        long total = 0;
                        for (int i = 0; i < sent.length(); i++) {
                            total += sent.get(i);
                        }
                        report(total);
                    },
                    stallTimeout);
            HttpUrl partUrl = uploadUrl
                    .newBuilder()
                    .addPathSegment(Integer.toString(index + 1))
                    .build();
            try (Response r = stalledAs(
                    "part " + (index + 1) + " of " + what,
                    length,
                    () -> send(new Request.Builder().url(partUrl).put(body).build(), false))) {
                String etag = readJson(r).path("etag").asText(null);
                if (etag == null) {
                    etag = r.header("ETag");
                }
                if (etag == null) {
                    throw HttpErrors.unexpected(
                            "fal's storage answered part " + (index + 1) + " of the upload of " + what
                                    + " without an etag (neither in the body nor as a header); upload the file again",
                            r,
                            "",
                            null,
                            null);
                }
                return etag;
            }
        }

        private JsonNode initiate(String step) {
            ObjectNode body = Json.mapper()
                    .createObjectNode()
                    .put("content_type", type.toString())
                    .put("file_name", name);
            HttpUrl url = restUrl.newBuilder()
                    .addPathSegments("storage/upload/" + step)
                    .addQueryParameter("storage_type", "fal-cdn-v3")
                    .build();
            try (Response r =
                    send(new Request.Builder().url(url).post(json(body)).build(), true)) {
                return readJson(r);
            }
        }

        /**
         * Sends one storage call. Only the initiate calls carry the key, as in fal's own clients: the upload
         * URL fal returns is signed, so its PUTs and the multipart completion need none.
         */
        private Response send(Request request, boolean withKey) {
            HttpCall call = HttpCall.of(request, RetryMode.IDEMPOTENT).withAuthenticate(withKey);
            Response r = transport.execute(call);
            if (!r.isSuccessful()) {
                throw HttpErrors.toException(r, null);
            }
            return r;
        }

        /** Runs one body upload; a stall on its last attempt becomes a {@link TransferStalledException}. */
        private Response stalledAs(String subject, long total, java.util.function.Supplier<Response> upload) {
            try {
                return upload.get();
            } catch (KlingException e) {
                for (Throwable c = e; c != null; c = c.getCause()) {
                    if (c instanceof StalledIOException stalled) {
                        throw new TransferStalledException(
                                "the upload of " + subject, stalled.transferred, total, stallTimeout, null, e);
                    }
                }
                throw e;
            }
        }

        private void report(long done) {
            long previous = reported.getAndAccumulate(done, Math::max);
            if (done > previous) {
                listener.onProgress(what, done, size);
            }
        }
    }

    private static HttpUrl url(JsonNode target, String field, String what) {
        HttpUrl url = HttpUrl.parse(target.path(field).asText(""));
        if (url == null || target.path("file_url").asText("").isEmpty()) {
            throw HttpErrors.unexpected(
                    "fal's storage answered the start of the upload of " + what + " without a valid " + field
                            + " and file_url: " + HttpErrors.abbreviate(target.toString()) + "; upload the file again",
                    200,
                    Map.of(),
                    target.toString(),
                    null,
                    null);
        }
        return url;
    }

    private static RequestBody json(JsonNode node) {
        try {
            return RequestBody.create(Json.mapper().writeValueAsBytes(node), JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(Response r) {
        String text;
        try {
            text = r.body().string();
        } catch (IOException e) {
            throw HttpErrors.readFailure(e, null);
        }
        try {
            return text.isBlank()
                    ? Json.mapper().createObjectNode()
                    : Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw HttpErrors.unexpected(
                    "fal's storage answered " + r.request().method() + " "
                            + r.request().url().newBuilder().query(null).build() + " with a body that is not JSON ("
                            + e.getOriginalMessage() + "): " + HttpErrors.abbreviate(text) + "; upload the file again",
                    r,
                    text,
                    null,
                    e);
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KlingTransportException(
                    "interrupted while uploading the parts of a file: the upload was"
                            + " abandoned and nothing was submitted",
                    null,
                    e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            // part() throws nothing checked: a checked cause here is a bug in kling4j
            throw new IllegalStateException("an upload part failed with a checked exception: " + cause, cause);
        }
    }

    /**
     * Configures a {@link MediaUploader}; start one with {@code client.uploader()}, which gives it the client's
     * transport, key, REST URL and upload threads. Defaults: multipart above 90 MiB, 10 MiB parts, 4 parts at
     * once, no listener.
     */
    public static final class Builder {
        static {
            // KlingClient.uploader() makes builders through this: the constructor takes the internal context.
            ClientAccess.registerFactory(Builder.class, Builder::new);
        }

        private final ClientContext context;
        private long multipartThreshold = 90 * MIB;
        private long partSize = 10 * MIB;
        private int partConcurrency = 4;
        private TransferListener listener = TransferListener.NONE;

        private Builder(ClientContext context) {
            this.context = context;
        }

        /**
         * Sets the size above which a file is sent in parts.
         *
         * @param bytes the threshold; default 90 MiB
         * @return this builder
         */
        public Builder multipartThreshold(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("multipartThreshold must be positive: " + bytes);
            }
            this.multipartThreshold = bytes;
            return this;
        }

        /**
         * Sets the size of each part but the last.
         *
         * @param bytes the part size; default 10 MiB
         * @return this builder
         */
        public Builder partSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("partSize must be positive: " + bytes);
            }
            this.partSize = bytes;
            return this;
        }

        /**
         * Sets how many parts of one file are sent at once.
         *
         * @param parts the concurrency; default 4
         * @return this builder
         */
        public Builder partConcurrency(int parts) {
            if (parts < 1) {
                throw new IllegalArgumentException("partConcurrency must be at least 1: " + parts);
            }
            this.partConcurrency = parts;
            return this;
        }

        /**
         * Sets the listener told of each file's progress.
         *
         * @param listener the listener; default none
         * @return this builder
         */
        public Builder listener(TransferListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the uploader.
         *
         * @return the uploader
         */
        public MediaUploader build() {
            return new MediaUploader(this);
        }
    }
}
