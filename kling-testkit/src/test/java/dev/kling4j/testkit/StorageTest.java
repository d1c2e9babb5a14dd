package dev.kling4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StorageTest {
    private final FalEmulator fal = FalEmulator.start();

    @AfterEach
    void close() {
        fal.close();
    }

    private JsonNode initiate(String kind, String contentType, String name) {
        HttpResponse<String> r = Wire.post(
                fal.restUrl() + "/storage/upload/" + kind + "?storage_type=fal-cdn-v3",
                "{\"content_type\":\"" + contentType + "\",\"file_name\":\"" + name + "\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        return Wire.json(r);
    }

    private static HttpResponse<String> putBytes(String url, byte[] bytes) {
        return Wire.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }

    @Test
    void aSingleUploadIsServedBackAtItsFileUrlWithRanges() {
        JsonNode init = initiate("initiate", "image/png", "cat photo.png");
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        assertThat(putBytes(init.get("upload_url").asText(), bytes).statusCode())
                .isEqualTo(200);

        HttpResponse<byte[]> whole = Wire.getBytes(init.get("file_url").asText(), null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(whole.body()).isEqualTo(bytes);

        HttpResponse<byte[]> part = Wire.getBytes(init.get("file_url").asText(), "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 100-199/300000");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(bytes, 100, 200));
        HttpResponse<byte[]> tail = Wire.getBytes(init.get("file_url").asText(), "bytes=-10");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length));
        assertThat(Wire.getBytes(init.get("file_url").asText(), "bytes=400000-").statusCode())
                .isEqualTo(416);
        HttpResponse<String> head =
                Wire.send(HttpRequest.newBuilder(URI.create(init.get("file_url").asText()))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Accept-Ranges")).contains("bytes");

        RecordedRequest put = fal.requests(r -> r.method().equals("PUT")).get(0);
        assertThat(put.bodySize()).isEqualTo(300_000);
        assertThat(put.body()).hasSize(RecordedRequest.BODY_LIMIT);
    }

    @Test
    void aLargeUploadIsStreamedCountedAndServedBackWhole() throws Exception {
        JsonNode init = initiate("initiate", "video/mp4", "big.mp4");
        long size = 64L * 1024 * 1024 + 7;
        java.security.MessageDigest sent = java.security.MessageDigest.getInstance("SHA-256");
        HttpResponse<String> put = Wire.send(HttpRequest.newBuilder(
                        URI.create(init.get("upload_url").asText()))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.security.DigestInputStream(new PatternStream(size), sent)),
                        size))
                .build());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(fal.requests(r -> r.method().equals("PUT")).get(0).bodySize())
                .isEqualTo(size);

        HttpResponse<java.io.InputStream> back = Wire.HTTP.send(
                HttpRequest.newBuilder(URI.create(init.get("file_url").asText()))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        java.security.MessageDigest got = java.security.MessageDigest.getInstance("SHA-256");
        long n;
        try (java.io.InputStream in = new java.security.DigestInputStream(back.body(), got)) {
            n = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(n).isEqualTo(size);
        assertThat(got.digest()).isEqualTo(sent.digest());
    }

    /** A long, cheap, non-constant byte stream. */
    private static final class PatternStream extends java.io.InputStream {
        private final long size;
        private long pos;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return pos < size ? (int) (pos++ * 31 % 251) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) (pos++ * 31 % 251);
            }
            return n;
        }
    }

    @Test
    void anUploadUrlWorksOnceAndNeedsNoKey() {
        JsonNode init = initiate("initiate", "text/plain", "a.txt");
        assertThat(putBytes(init.get("upload_url").asText(), "hi".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(200);
        assertThat(putBytes(init.get("upload_url").asText(), "again".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aMultipartUploadIsAssembledFromItsPartsInOrder() {
        JsonNode init = initiate("initiate-multipart", "video/mp4", "clip.mp4");
        URI upload = URI.create(init.get("upload_url").asText());
        String base = upload.getScheme() + "://" + upload.getAuthority() + upload.getPath();
        String query = "?" + upload.getRawQuery();
        byte[] one = "first part|".getBytes(StandardCharsets.UTF_8);
        byte[] two = "second part".getBytes(StandardCharsets.UTF_8);

        JsonNode p2 = Wire.json(putBytes(base + "/2" + query, two));
        JsonNode p1 = Wire.json(putBytes(base + "/1" + query, one));
        assertThat(p1.get("partNumber").asInt()).isEqualTo(1);
        assertThat(p1.get("etag").asText())
                .isNotBlank()
                .isNotEqualTo(p2.get("etag").asText());

        HttpResponse<String> wrong = Wire.post(
                base + "/complete" + query,
                "{\"parts\":[{\"partNumber\":1,\"etag\":\"nope\"},{\"partNumber\":2,\"etag\":" + p2.get("etag")
                        + "}]}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        HttpResponse<String> done = Wire.post(
                base + "/complete" + query,
                "{\"parts\":[{\"partNumber\":1,\"etag\":" + p1.get("etag") + "},{\"partNumber\":2,\"etag\":"
                        + p2.get("etag") + "}]}");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(Wire.json(done).get("file_url").asText())
                .isEqualTo(init.get("file_url").asText());
        assertThat(new String(Wire.getBytes(init.get("file_url").asText(), null).body(), StandardCharsets.UTF_8))
                .isEqualTo("first part|second part");
        // the parts are served as they are, without being joined: a range may span both
        HttpResponse<byte[]> across = Wire.getBytes(init.get("file_url").asText(), "bytes=6-16");
        assertThat(across.statusCode()).isEqualTo(206);
        assertThat(new String(across.body(), StandardCharsets.UTF_8)).isEqualTo("part|second");
    }

    /** Uploads bytes in parts of {@code partSize}, then completes; returns the file URL. */
    private String uploadInParts(String name, byte[] bytes, int partSize) {
        JsonNode init = initiate("initiate-multipart", "video/mp4", name);
        URI upload = URI.create(init.get("upload_url").asText());
        String base = upload.getScheme() + "://" + upload.getAuthority() + upload.getPath();
        StringBuilder listed = new StringBuilder();
        for (int n = 1, at = 0; at < bytes.length; n++, at += partSize) {
            byte[] part = java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + partSize));
            JsonNode answer = Wire.json(putBytes(base + "/" + n + "?" + upload.getRawQuery(), part));
            listed.append(n == 1 ? "" : ",")
                    .append("{\"partNumber\":")
                    .append(n)
                    .append(",\"etag\":")
                    .append(answer.get("etag"))
                    .append('}');
        }
        assertThat(Wire.post(base + "/complete?" + upload.getRawQuery(), "{\"parts\":[" + listed + "]}")
                        .statusCode())
                .isEqualTo(200);
        return init.get("file_url").asText();
    }

    @Test
    void initiateNeedsTheCdnStorageTypeAndAKey() {
        assertThat(Wire.post(fal.restUrl() + "/storage/upload/initiate", "{\"content_type\":\"a/b\"}")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> noKey = Wire.send(
                HttpRequest.newBuilder(URI.create(fal.restUrl() + "/storage/upload/initiate?storage_type=fal-cdn-v3"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build());
        assertThat(noKey.statusCode()).isEqualTo(401);
    }

    @Test
    void aVideoToVideoJobOnAnUploadedMp4FollowsItsDurationAndSize() {
        JsonNode init = initiate("initiate", "video/mp4", "src.mp4");
        putBytes(init.get("upload_url").asText(), SampleMedia.mp4(Duration.ofSeconds(8), 1080, 1920));
        JsonNode submitted = Wire.submit(
                fal,
                "fal-ai/kling-video/o3/standard/video-to-video/edit",
                "{\"prompt\":\"snow on @Video1\",\"video_url\":\""
                        + init.get("file_url").asText() + "\"}");
        Wire.awaitCompleted(submitted);
        String url = Wire.json(Wire.get(submitted.get("response_url").asText()))
                .get("video")
                .get("url")
                .asText();
        assertThat(Wire.mp4Header(Wire.getBytes(url, null).body())).containsExactly(8_000L, 1080L, 1920L);
    }

    @Test
    void aVideoToVideoJobOnAnMp4UploadedInPartsFollowsItsDuration() {
        byte[] mp4 = SampleMedia.mp4(Duration.ofSeconds(6), 1280, 720);
        String source = uploadInParts("src.mp4", mp4, mp4.length / 3 + 1);

        JsonNode submitted = Wire.submit(
                fal,
                "fal-ai/kling-video/o3/standard/video-to-video/edit",
                "{\"prompt\":\"snow on @Video1\",\"video_url\":\"" + source + "\"}");
        Wire.awaitCompleted(submitted);

        String url = Wire.json(Wire.get(submitted.get("response_url").asText()))
                .get("video")
                .get("url")
                .asText();
        assertThat(Wire.mp4Header(Wire.getBytes(url, null).body())).containsExactly(6_000L, 1280L, 720L);
        assertThat(Wire.getBytes(source, null).body()).isEqualTo(mp4); // still served whole once joined
    }
}
