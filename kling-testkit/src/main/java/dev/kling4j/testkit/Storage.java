package dev.kling4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * fal's storage, on disk: upload initiation, single and multipart PUTs, and the files served back.
 * Nothing large is held in memory; bodies stream to files in the emulator's directory.
 */
final class Storage {
    /**
     * A stored file: one file on disk, or the parts of a multipart upload in order, kept as they are (a store
     * completes a multipart upload without copying it; so does this one, and served bytes stream across the
     * parts). A generated output may be written only when first read ({@link #materialise()}): its size is
     * known before. Thread-safe.
     */
    static final class StoredFile {
        private final String token;
        private final String contentType;
        private final String fileName;
        private final long size;
        private List<Segment> segments;
        /** Writes the file to {@link #pendingPath} the first time it is read; null once written. */
        private Consumer<Path> pending;

        private Path pendingPath;

        StoredFile(String token, List<Segment> segments, String contentType, String fileName) {
            this(
                    token,
                    List.copyOf(segments),
                    contentType,
                    fileName,
                    segments.stream().mapToLong(Segment::size).sum());
        }

        private StoredFile(
                String token, long size, Path target, Consumer<Path> render, String contentType, String fileName) {
            this(token, List.of(), contentType, fileName, size);
            this.pending = render;
            this.pendingPath = target;
        }

        private StoredFile(String token, List<Segment> segments, String contentType, String fileName, long size) {
            this.token = token;
            this.segments = segments;
            this.contentType = contentType;
            this.fileName = fileName;
            this.size = size;
        }

        /**
         * Writes a file that is generated on first read, once; a no-op for every other file.
         *
         * @throws IOException when writing it failed, or it came out at another size than announced
         */
        synchronized void materialise() throws IOException {
            if (pending == null) {
                return;
            }
            try {
                pending.accept(pendingPath);
                long written = Files.size(pendingPath);
                if (written != size) {
                    throw new IOException("wrote " + written + " bytes where " + size + " were announced");
                }
            } catch (UncheckedIOException e) {
                delete(pendingPath);
                throw e.getCause();
            } catch (IOException | RuntimeException e) {
                delete(pendingPath);
                throw e instanceof IOException io ? io : new IOException(e.toString(), e);
            }
            segments = List.of(new Segment(pendingPath, size));
            pending = null;
        }

        String contentType() {
            return contentType;
        }

        String fileName() {
            return fileName;
        }

        long size() {
            return size;
        }

        /** The bytes from {@code from} to the end. */
        synchronized InputStream open(long from) throws IOException {
            materialise();
            List<InputStream> streams = new ArrayList<>();
            long skip = from;
            try {
                for (Segment segment : segments) {
                    if (skip >= segment.size()) {
                        skip -= segment.size();
                        continue;
                    }
                    FileChannel channel = FileChannel.open(segment.path());
                    streams.add(Channels.newInputStream(channel));
                    channel.position(skip);
                    skip = 0;
                }
            } catch (IOException e) {
                for (InputStream opened : streams) {
                    opened.close();
                }
                throw e;
            }
            return new SequenceInputStream(Collections.enumeration(streams));
        }

        /**
         * The file as one path on disk, for readers that need random access (the media inspector); the parts
         * of a multipart upload are joined into one file the first time.
         */
        synchronized Path path(Path dir) {
            try {
                materialise();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (segments.size() > 1) {
                Path joined = dir.resolve("file-" + token);
                try (FileChannel out =
                        FileChannel.open(joined, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    for (Segment segment : segments) {
                        try (FileChannel in = FileChannel.open(segment.path())) {
                            for (long at = 0; at < segment.size(); ) {
                                at += in.transferTo(at, segment.size() - at, out);
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                segments.forEach(segment -> delete(segment.path()));
                segments = List.of(new Segment(joined, size));
            }
            return segments.get(0).path();
        }
    }

    /**
     * An upload body as it arrived: streamed to a file, with its size, its CRC32C (computed on the way in, so
     * no part is read again for its etag) and its first bytes, kept for the recording.
     */
    record Received(Path path, long size, long crc32c, byte[] head) {}

    private record Pending(String contentType, String fileName) {}

    /** A file on disk, or one part of a stored file. */
    private record Segment(Path path, long size) {}

    /** A part of a multipart upload not yet completed. */
    private record Part(Segment segment, String etag) {}

    private final Path dir;
    private final String baseUrl;
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Part>> multiparts = new ConcurrentHashMap<>();

    Storage(Path dir, String baseUrl) {
        this.dir = dir;
        this.baseUrl = baseUrl;
    }

    Http.Reply initiate(JsonNode body, boolean multipart) {
        String contentType = body.path("content_type").asText("application/octet-stream");
        String fileName = body.path("file_name").asText("");
        if (fileName.isBlank()) {
            fileName = "upload.bin";
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        pending.put(token, new Pending(contentType, fileName));
        ObjectNode out = Json.mapper().createObjectNode();
        if (multipart) {
            multiparts.put(token, new ConcurrentSkipListMap<>());
            out.put("upload_url", baseUrl + "/upload/multipart/" + token + "?upload_id=" + token);
        } else {
            out.put("upload_url", baseUrl + "/upload/" + token + "?signature=" + token);
        }
        out.put("file_url", fileUrl(token, fileName));
        return Http.Reply.json(200, out);
    }

    /** Where a PUT to this served path should stream its body, or empty when it is not an upload. */
    Optional<Path> uploadTarget(String method, String path) {
        if (!method.equals("PUT") || !path.startsWith("/upload/")) {
            return Optional.empty();
        }
        return Optional.of(dir.resolve("in-" + UUID.randomUUID()));
    }

    /** Streams an upload's body to {@code target}, which must not exist yet. */
    static Received receive(InputStream in, Path target) throws IOException {
        byte[] head = new byte[RecordedRequest.BODY_LIMIT];
        long[] headLen = {0};
        CRC32C crc = new CRC32C();
        long size;
        try (OutputStream out = new CheckedOutputStream(newFile(target), crc)) {
            size = copyCounting(in, out, head, headLen);
        }
        return new Received(target, size, crc.getValue(), Arrays.copyOf(head, (int) headLen[0]));
    }

    Http.Reply putSingle(String token, Received received, String query) {
        Pending p = pending.get(token);
        if (p == null || !("signature=" + token).equals(query)) {
            delete(received.path());
            return Http.Reply.detail(404, "Unknown or already used upload URL");
        }
        pending.remove(token);
        Path target = dir.resolve("file-" + token);
        move(received.path(), target);
        files.put(
                token,
                new StoredFile(token, List.of(new Segment(target, received.size())), p.contentType(), p.fileName()));
        return new Http.Reply(200, Map.of(), new byte[0]);
    }

    Http.Reply putPart(String token, String partNumber, Received received, String query) {
        Map<Integer, Part> parts = multiparts.get(token);
        int n;
        try {
            n = Integer.parseInt(partNumber);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (parts == null || n < 1 || !("upload_id=" + token).equals(query)) {
            delete(received.path());
            return Http.Reply.detail(
                    parts == null ? 404 : 400,
                    parts == null ? "Unknown multipart upload" : "Bad part number or upload_id: " + partNumber);
        }
        Path target = dir.resolve("part-" + token + "-" + n);
        move(received.path(), target);
        String etag = String.format("\"%08x-%d\"", received.crc32c(), received.size());
        Part old = parts.put(n, new Part(new Segment(target, received.size()), etag));
        if (old != null && !old.segment().path().equals(target)) {
            delete(old.segment().path());
        }
        return Http.Reply.json(
                200, Json.mapper().createObjectNode().put("partNumber", n).put("etag", etag));
    }

    Http.Reply complete(String token, JsonNode body, String query) {
        Map<Integer, Part> parts = multiparts.get(token);
        Pending p = pending.get(token);
        if (parts == null || p == null || !("upload_id=" + token).equals(query)) {
            return Http.Reply.detail(404, "Unknown multipart upload");
        }
        JsonNode listed = body.path("parts");
        if (!listed.isArray() || listed.isEmpty()) {
            return Http.Reply.detail(400, "parts must list every part as {partNumber, etag}");
        }
        List<Part> ordered = new ArrayList<>();
        int expected = 1;
        for (JsonNode item : listed) {
            Part part = parts.get(item.path("partNumber").asInt(-1));
            if (item.path("partNumber").asInt(-1) != expected
                    || part == null
                    || !part.etag().equals(item.path("etag").asText())) {
                return Http.Reply.detail(400, "Part " + expected + " missing, out of order or with a wrong etag");
            }
            ordered.add(part);
            expected++;
        }
        parts.values().stream()
                .filter(part -> !ordered.contains(part))
                .forEach(part -> delete(part.segment().path()));
        multiparts.remove(token);
        pending.remove(token);
        files.put(
                token,
                new StoredFile(token, ordered.stream().map(Part::segment).toList(), p.contentType(), p.fileName()));
        return Http.Reply.json(200, Json.mapper().createObjectNode().put("file_url", fileUrl(token, p.fileName())));
    }

    /**
     * Stores a generated file that is written only when first read: {@code render} must then write exactly
     * {@code size} bytes to the path it is given.
     *
     * @return the file's URL
     */
    String putGenerated(String token, String fileName, String contentType, long size, Consumer<Path> render) {
        files.put(token, new StoredFile(token, size, dir.resolve("file-" + token), render, contentType, fileName));
        return fileUrl(token, fileName);
    }

    /**
     * Stores a copy of a file.
     *
     * @return the file's URL
     * @throws UncheckedIOException when it cannot be copied
     */
    String putCopy(String token, String fileName, String contentType, Path source) {
        Path target = dir.resolve("file-" + token);
        try {
            Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            files.put(
                    token,
                    new StoredFile(token, List.of(new Segment(target, Files.size(target))), contentType, fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + ": " + e, e);
        }
        return fileUrl(token, fileName);
    }

    Optional<StoredFile> file(String token) {
        return Optional.ofNullable(files.get(token));
    }

    /** The path of a stored file, for readers that need one file on disk. */
    Path pathOf(StoredFile file) {
        return file.path(dir);
    }

    /** The stored file behind one of the emulator's own file URLs, when it is one. */
    Optional<StoredFile> byUrl(String url) {
        String prefix = baseUrl + "/files/";
        if (url == null || !url.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = url.substring(prefix.length());
        int slash = rest.indexOf('/');
        return file(slash < 0 ? rest : rest.substring(0, slash));
    }

    String fileUrl(String token, String fileName) {
        return baseUrl + "/files/" + token + "/"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static long copyCounting(InputStream in, OutputStream out, byte[] head, long[] headLen) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out != null) {
                out.write(buf, 0, n);
            }
            if (total < head.length) {
                int keep = (int) Math.min(n, head.length - total);
                System.arraycopy(buf, 0, head, (int) total, keep);
                headLen[0] = total + keep;
            }
            total += n;
        }
        return total;
    }

    static OutputStream newFile(Path p) throws IOException {
        return Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover temp file is harmless; the directory is removed on close.
        }
    }
}
