package dev.kling4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kling4j.core.catalog.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The emulator's HTTP front: one JDK server on loopback, routing (with fal's {@code X-Fal-Target-Url}),
 * faults, recording, auth, storage and file serving; the queue itself is {@link Queue}. Handlers never
 * sleep: timings run on a scheduler, SSE events are written by whoever changes a job, and slow bodies by
 * scheduled tasks, so open streams hold sockets, not threads.
 */
final class Engine {
    static {
        // Both read once, when the JDK's server configuration class loads.
        // The JDK server leaves Nagle on unless told; small answers would then stall on delayed ACKs.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // It also closes idle keep-alive connections beyond 200, which a client with more in its pool then
        // reuses as stale: a submit sent on one fails as an unknown outcome (seen with 1,000 status streams).
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "10000");
        }
    }

    private static final Set<String> OPEN_PATHS = Set.of("files", "upload", ".well-known");
    private static final Set<String> RESERVED = Set.of("files", "upload", ".well-known", "rest", "api", "run");
    private static final long BODY_IN_MEMORY_LIMIT = 32L * 1024 * 1024;

    final Catalog catalog = Catalog.standard();
    final Script script = new Script();
    final Faults faults = new Faults();
    final WebhookKeys webhookKeys = new WebhookKeys();
    final Map<String, BigDecimal> prices = new ConcurrentHashMap<>();
    private final List<RecordedRequest> recorded = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private final String apiKey;
    private final Path dir;
    private final boolean ownDir;
    private final HttpServer server;
    private final ThreadPoolExecutor handlers;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService webhookPool;
    final String baseUrl;
    final Storage storage;
    final Queue queue;

    /** A key this emulator accepts: the configured one, or any. */
    String acceptedKey() {
        return apiKey == null ? "emulator-key" : apiKey;
    }

    Engine(int port, Clock clock, Duration retention, String apiKey, String userId, Path storageDir)
            throws IOException {
        this.apiKey = apiKey;
        this.ownDir = storageDir == null;
        this.dir = storageDir == null ? Files.createTempDirectory("kling4j-fal-emulator") : storageDir;
        this.handlers = new ThreadPoolExecutor(
                16, 16, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("fal-emulator-http"));
        this.handlers.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor sched = new ScheduledThreadPoolExecutor(2, daemon("fal-emulator-timer"));
        sched.setRemoveOnCancelPolicy(true);
        this.scheduler = sched;
        ThreadPoolExecutor hooks = new ThreadPoolExecutor(
                4, 4, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("fal-emulator-webhook"));
        hooks.allowCoreThreadTimeOut(true);
        this.webhookPool = hooks;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        this.server.setExecutor(handlers);
        this.server.createContext("/", this::handle);
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        this.storage = new Storage(dir, baseUrl);
        this.queue = new Queue(
                catalog,
                script,
                clock,
                retention,
                baseUrl,
                scheduler,
                new VideoOutput(catalog, storage),
                new WebhookSender(webhookKeys, userId, clock, webhookPool));
        this.server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    // ------------------------------------------------------------------ lifecycle and inspection

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.close();
        server.stop(0);
        scheduler.shutdownNow();
        handlers.shutdownNow();
        webhookPool.shutdownNow();
        if (ownDir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(Storage::delete);
            } catch (IOException e) {
                // Leftovers in the temp directory are harmless.
            }
        }
    }

    List<RecordedRequest> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    void reset() {
        synchronized (recorded) {
            recorded.clear();
        }
        script.clear();
        faults.clear();
        queue.jobsCreated.set(0);
    }

    // ------------------------------------------------------------------ HTTP front

    private void handle(HttpExchange ex) {
        boolean async = false;
        try {
            async = serve(ex);
        } catch (RuntimeException | IOException e) {
            try {
                send(ex, Http.Reply.detail(500, "emulator error: " + e));
            } catch (IOException | RuntimeException ignored) {
                // The connection is gone.
            }
        } finally {
            if (!async) {
                ex.close();
            }
        }
    }

    /** Serves one exchange; returns true when the exchange was handed to a stream or a timer. */
    private boolean serve(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        String target = ex.getRequestHeaders().getFirst("X-Fal-Target-Url");
        if (target != null && !target.isBlank()) {
            URI t;
            try {
                t = URI.create(target.trim());
            } catch (IllegalArgumentException e) {
                record(ex, method, path, query, new byte[0], 0, false);
                send(ex, Http.Reply.detail(400, "X-Fal-Target-Url is not a URL: " + target));
                return false;
            }
            path = prefixForHost(t.getHost())
                    + (t.getRawPath() == null || t.getRawPath().isEmpty() ? "/" : t.getRawPath());
            query = t.getRawQuery();
        }
        Fault fault = faults.take(method, path);
        if (fault != null && fault.kind() == Fault.Kind.DROP_BEFORE_READ) {
            record(ex, method, path, query, new byte[0], 0, false);
            return false; // handle() closes the exchange before any answer: the connection drops
        }
        Optional<Path> uploadFile = storage.uploadTarget(method, path);
        Storage.Received upload = null;
        long size;
        byte[] body;
        byte[] kept;
        try (InputStream in = ex.getRequestBody()) {
            if (uploadFile.isPresent()) {
                // Uploads stream to disk; only their first bytes are kept for the recording.
                upload = Storage.receive(in, uploadFile.get());
                size = upload.size();
                body = new byte[0];
                kept = upload.head();
            } else {
                body = in.readNBytes((int) BODY_IN_MEMORY_LIMIT);
                size = body.length + Storage.copyCounting(in, null, new byte[0], new long[1]);
                kept = body.length <= RecordedRequest.BODY_LIMIT
                        ? body
                        : Arrays.copyOf(body, RecordedRequest.BODY_LIMIT);
            }
        }
        record(ex, method, path, query, kept, size, true);

        if (fault != null && fault.kind() == Fault.Kind.STATUS) {
            ObjectNode b = Json.mapper()
                    .createObjectNode()
                    .put("detail", fault.detail())
                    .put("error_type", fault.errorType());
            Http.Reply r = Http.Reply.json(fault.statusCode(), b).header("X-Fal-Error-Type", fault.errorType());
            if (fault.retryAfterSeconds() != null) {
                r = r.header("Retry-After", Long.toString(fault.retryAfterSeconds()));
            }
            if (fault.sendsRequestId()) {
                r = r.header("x-fal-request-id", UUID.randomUUID().toString());
            }
            uploadFile.ifPresent(Storage::delete);
            send(ex, r);
            return false;
        }
        List<String> seg = Http.segments(path);
        if (seg.isEmpty() || !OPEN_PATHS.contains(seg.get(0))) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (!authorized(auth)) {
                uploadFile.ifPresent(Storage::delete);
                send(ex, Http.Reply.detail(401, "Unauthorized"));
                return false;
            }
        }
        if (method.equals("GET")
                && seg.size() == 6
                && seg.get(2).equals("requests")
                && seg.get(4).equals("status")
                && seg.get(5).equals("stream")
                && fault == null) {
            return queue.openStream(ex, seg, query);
        }
        Http.Reply reply;
        if ((method.equals("GET") || method.equals("HEAD"))
                && seg.size() >= 2
                && seg.get(0).equals("files")) {
            return serveFile(ex, seg.get(1), fault);
        }
        reply = route(method, seg, query, ex.getRequestHeaders().getFirst("X-Fal-Request-Timeout"), body, upload);
        if (fault != null && fault.kind() == Fault.Kind.DROP_AFTER_READ) {
            return false; // served, answer never written: handle() closes the connection
        }
        if (fault != null && fault.kind() == Fault.Kind.SLOW_BODY) {
            sendSlowly(ex, reply, fault);
            return true;
        }
        send(ex, reply);
        return false;
    }

    private static String prefixForHost(String host) {
        if (host == null) {
            return "";
        }
        switch (host.toLowerCase(Locale.ROOT)) {
            case "rest.fal.ai":
            case "rest.alpha.fal.ai":
                return "/rest";
            case "api.fal.ai":
                return "/api";
            case "fal.run":
                return "/run";
            default:
                return ""; // queue.fal.run, queue.falrun.com and the emulator's own URLs
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Key ")) {
            return false;
        }
        String key = header.substring(4).trim();
        return apiKey == null ? !key.isEmpty() : apiKey.equals(key);
    }

    private Http.Reply route(
            String method,
            List<String> seg,
            String query,
            String requestTimeout,
            byte[] body,
            Storage.Received upload) {
        String first = seg.isEmpty() ? "" : seg.get(0);
        if (first.equals(".well-known") && seg.size() == 2 && seg.get(1).equals("jwks.json") && method.equals("GET")) {
            return Http.Reply.json(200, webhookKeys.jwks());
        }
        if (first.equals("api") && method.equals("GET") && seg.equals(List.of("api", "v1", "models", "pricing"))) {
            return pricing(query);
        }
        if (first.equals("rest")) {
            return restRoute(method, seg.subList(1, seg.size()), query, body);
        }
        if (first.equals("upload") && method.equals("PUT")) {
            if (seg.size() == 2) {
                return storage.putSingle(seg.get(1), upload, query);
            }
            if (seg.size() == 4 && seg.get(1).equals("multipart")) {
                return storage.putPart(seg.get(2), seg.get(3), upload, query);
            }
        }
        if (first.equals("upload")
                && method.equals("POST")
                && seg.size() == 4
                && seg.get(1).equals("multipart")
                && seg.get(3).equals("complete")) {
            return storage.complete(
                    seg.get(2), Http.parse(body).orElse(Json.mapper().createObjectNode()), query);
        }
        if (upload != null) {
            Storage.delete(upload.path());
        }
        if (RESERVED.contains(first) || seg.size() < 2) {
            return Http.Reply.detail(404, "Not found");
        }
        if (seg.size() >= 4 && seg.get(2).equals("requests")) {
            return queue.requestRoute(method, seg, query);
        }
        if (method.equals("POST")) {
            return queue.submit(String.join("/", seg), query, requestTimeout, body);
        }
        return Http.Reply.detail(405, "Method not allowed");
    }

    /** fal's platform pricing API, answering the prices set with {@link FalEmulator#unitPrice}. */
    private Http.Reply pricing(String query) {
        String ids = Http.queryParams(query).get("endpoint_id");
        if (ids == null || ids.isBlank()) {
            return Http.Reply.detail(400, "endpoint_id is required (one or more, comma-separated)");
        }
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode list = out.putArray("prices");
        for (String id : ids.split(",")) {
            BigDecimal price = prices.get(id.trim());
            if (price != null) {
                list.addObject()
                        .put("endpoint_id", id.trim())
                        .put("unit_price", price)
                        .put("unit", "second")
                        .put("currency", "USD");
            }
        }
        out.putNull("next_cursor");
        out.put("has_more", false);
        return Http.Reply.json(200, out);
    }

    private Http.Reply restRoute(String method, List<String> seg, String query, byte[] body) {
        if (method.equals("GET") && seg.equals(List.of(".well-known", "jwks.json"))) {
            return Http.Reply.json(200, webhookKeys.jwks());
        }
        if (method.equals("POST")
                && seg.size() == 3
                && seg.get(0).equals("storage")
                && seg.get(1).equals("upload")
                && (seg.get(2).equals("initiate") || seg.get(2).equals("initiate-multipart"))) {
            String type = Http.queryParams(query).get("storage_type");
            if (!"fal-cdn-v3".equals(type)) {
                return Http.Reply.detail(400, "storage_type must be fal-cdn-v3, was " + type);
            }
            Optional<JsonNode> json = Http.parse(body);
            if (json.isEmpty() || !json.get().isObject()) {
                return Http.Reply.detail(422, "Body must be {\"content_type\": …, \"file_name\": …}");
            }
            return storage.initiate(json.get(), seg.get(2).equals("initiate-multipart"));
        }
        return Http.Reply.detail(404, "Not found");
    }

    private void record(
            HttpExchange ex, String method, String path, String query, byte[] body, long size, boolean read) {
        Map<String, List<String>> headers = new HashMap<>();
        ex.getRequestHeaders()
                .forEach((k, v) -> headers.put(
                        k,
                        k.equalsIgnoreCase("Authorization")
                                ? v.stream().map(Engine::redact).collect(Collectors.toList())
                                : v));
        RecordedRequest r = new RecordedRequest(method, path, query, headers, body, size, read);
        synchronized (recorded) {
            recorded.add(r);
        }
    }

    private static String redact(String auth) {
        int space = auth.indexOf(' ');
        return space < 0 ? "***" : auth.substring(0, space) + " ***";
    }

    static void send(HttpExchange ex, Http.Reply r) throws IOException {
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
        ex.sendResponseHeaders(r.status(), r.body().length == 0 || head ? -1 : r.body().length);
        if (r.body().length > 0 && !head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
    }

    private void sendSlowly(HttpExchange ex, Http.Reply r, Fault fault) {
        try {
            r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        } catch (IOException e) {
            ex.close();
            return;
        }
        writeChunk(ex, r.body(), 0, fault, 0);
    }

    private void writeChunk(HttpExchange ex, byte[] body, int from, Fault fault, long delayNanos) {
        if (from >= body.length) {
            ex.close();
            return;
        }
        scheduler.schedule(
                () -> {
                    int n = Math.min(fault.chunkBytes(), body.length - from);
                    try {
                        OutputStream out = ex.getResponseBody();
                        out.write(body, from, n);
                        out.flush();
                        writeChunk(
                                ex, body, from + n, fault, fault.chunkInterval().toNanos());
                    } catch (IOException e) {
                        ex.close();
                    }
                },
                delayNanos,
                TimeUnit.NANOSECONDS);
    }

    private boolean serveFile(HttpExchange ex, String token, Fault fault) throws IOException {
        Optional<Storage.StoredFile> found = storage.file(token);
        if (found.isEmpty()) {
            send(ex, Http.Reply.detail(404, "File not found"));
            return false;
        }
        Storage.StoredFile f = found.get();
        if (!ex.getRequestMethod().equalsIgnoreCase("HEAD")) {
            try {
                f.materialise(); // a generated video is rendered on its first download, before any header goes out
            } catch (IOException e) {
                send(ex, Http.Reply.detail(500, "The emulator could not write this file: " + e.getMessage()));
                return false;
            }
        }
        long start = 0;
        long end = f.size() - 1;
        int status = 200;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null && range.startsWith("bytes=") && !range.contains(",")) {
            String[] p = range.substring(6).split("-", -1);
            try {
                if (p[0].isEmpty()) {
                    start = Math.max(0, f.size() - Long.parseLong(p[1]));
                } else {
                    start = Long.parseLong(p[0]);
                    if (!p[1].isEmpty()) {
                        end = Math.min(end, Long.parseLong(p[1]));
                    }
                }
            } catch (NumberFormatException e) {
                start = f.size();
            }
            if (start >= f.size() || start > end) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + f.size());
                send(ex, Http.Reply.detail(416, "Range not satisfiable"));
                return false;
            }
            status = 206;
            ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + f.size());
        }
        long length = end - start + 1;
        ex.getResponseHeaders().set("Content-Type", f.contentType());
        ex.getResponseHeaders().set("Accept-Ranges", "bytes");
        if (fault != null && fault.kind() == Fault.Kind.DROP_AFTER_READ) {
            return false;
        }
        if (fault != null && fault.kind() == Fault.Kind.SLOW_BODY && length < Integer.MAX_VALUE) {
            byte[] bytes;
            try (InputStream in = f.open(start)) {
                bytes = in.readNBytes((int) length);
            }
            sendSlowly(ex, new Http.Reply(status, Map.of(), bytes), fault);
            return true;
        }
        boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
        ex.sendResponseHeaders(status, head || length == 0 ? -1 : length);
        if (!head && length > 0) {
            try (InputStream in = f.open(start);
                    OutputStream out = ex.getResponseBody()) {
                byte[] buf = new byte[64 * 1024];
                long left = length;
                while (left > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        break;
                    }
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
        }
        return false;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
