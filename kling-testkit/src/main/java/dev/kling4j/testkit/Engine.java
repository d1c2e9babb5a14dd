package dev.kling4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.Category;
import dev.kling4j.core.catalog.EndpointSpec;
import dev.kling4j.core.catalog.FieldSpec;
import dev.kling4j.core.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The emulator's HTTP front and job engine. Handlers never sleep: timings run on a scheduler, SSE events
 * are written by whoever changes a job, slow bodies are written by scheduled tasks.
 */
final class Engine {
    static {
        // The JDK server leaves Nagle on unless told; small answers would then stall on delayed ACKs.
        // Read once, when the JDK's server configuration class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Set<String> OPEN_PATHS = Set.of("files", "upload", ".well-known");
    private static final Set<String> RESERVED = Set.of("files", "upload", ".well-known", "rest", "api", "run");
    private static final long BODY_IN_MEMORY_LIMIT = 32L * 1024 * 1024;

    final Catalog catalog = Catalog.standard();
    final Script script = new Script();
    final Faults faults = new Faults();
    final WebhookKeys webhookKeys = new WebhookKeys();
    final AtomicInteger jobsCreated = new AtomicInteger();
    private final List<RecordedRequest> recorded = new ArrayList<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Set<StatusStream> silentStreams = ConcurrentHashMap.newKeySet();
    private final Object streamLock = new Object();
    private int openStreams;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private final Clock clock;
    private final Duration retention;
    private final String apiKey;
    private final String userId;
    private final Path dir;
    private final boolean ownDir;
    private final HttpServer server;
    private final ThreadPoolExecutor handlers;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService webhookPool;
    final String baseUrl;
    final Storage storage;

    Engine(int port, Clock clock, Duration retention, String apiKey, String userId, Path storageDir) throws IOException {
        this.clock = clock;
        this.retention = retention;
        this.apiKey = apiKey;
        this.userId = userId;
        this.ownDir = storageDir == null;
        this.dir = storageDir == null ? Files.createTempDirectory("kling4j-fal-emulator") : storageDir;
        this.handlers = new ThreadPoolExecutor(16, 16, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("fal-emulator-http"));
        this.handlers.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor sched = new ScheduledThreadPoolExecutor(2, daemon("fal-emulator-timer"));
        sched.setRemoveOnCancelPolicy(true);
        this.scheduler = sched;
        this.webhookPool = new ThreadPoolExecutor(0, 4, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("fal-emulator-webhook"));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        this.server.setExecutor(handlers);
        this.server.createContext("/", this::handle);
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        this.storage = new Storage(dir, baseUrl);
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
        for (Job j : jobs.values()) {
            List<StatusStream> open;
            synchronized (j) {
                if (j.next != null) {
                    j.next.cancel(false);
                }
                open = new ArrayList<>(j.streams);
                j.streams.clear();
            }
            open.forEach(StatusStream::close);
        }
        silentStreams.forEach(StatusStream::close);
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
    }

    int openStreams() {
        synchronized (streamLock) {
            return openStreams;
        }
    }

    boolean awaitOpenStreams(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (streamLock) {
            while (openStreams < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(streamLock, left);
            }
            return true;
        }
    }

    private void streamOpened(int delta) {
        synchronized (streamLock) {
            openStreams += delta;
            streamLock.notifyAll();
        }
    }

    boolean release(String requestId) {
        Job j = jobs.get(requestId);
        if (j == null) {
            return false;
        }
        synchronized (j) {
            if (!j.held) {
                return false;
            }
            j.held = false;
            if (j.state == Job.State.IN_QUEUE && !j.cancelled) {
                scheduleQueueStep(j);
            }
            return true;
        }
    }

    boolean awaitCompleted(String requestId, Duration timeout) throws InterruptedException {
        Job j = jobs.get(requestId);
        if (j == null) {
            throw new IllegalArgumentException("no job with request id " + requestId);
        }
        return j.done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    int releaseAll() {
        int n = 0;
        for (String id : jobs.keySet()) {
            if (release(id)) {
                n++;
            }
        }
        return n;
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
            URI t = URI.create(target.trim());
            path = prefixForHost(t.getHost()) + (t.getRawPath() == null || t.getRawPath().isEmpty() ? "/" : t.getRawPath());
            query = t.getRawQuery();
        }
        Fault fault = faults.take(method, path);
        if (fault != null && fault.kind() == Fault.Kind.DROP_BEFORE_READ) {
            record(ex, method, path, query, new byte[0], 0, false);
            return false; // handle() closes the exchange before any answer: the connection drops
        }
        Optional<Path> uploadFile = storage.uploadTarget(method, path);
        byte[] head = new byte[RecordedRequest.BODY_LIMIT];
        long[] headLen = {0};
        long size;
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            if (uploadFile.isPresent()) {
                try (OutputStream out = Storage.newFile(uploadFile.get())) {
                    size = Storage.copyCounting(in, out, head, headLen);
                }
                body = Arrays.copyOf(head, (int) headLen[0]);
            } else {
                byte[] all = in.readNBytes((int) BODY_IN_MEMORY_LIMIT);
                long extra = Storage.copyCounting(in, null, new byte[0], new long[1]);
                size = all.length + extra;
                body = all;
                headLen[0] = Math.min(all.length, head.length);
                head = Arrays.copyOf(all, (int) headLen[0]);
            }
        }
        record(ex, method, path, query, uploadFile.isPresent() ? body : head, size, true);

        if (fault != null && fault.kind() == Fault.Kind.STATUS) {
            ObjectNode b = Json.mapper().createObjectNode().put("detail", fault.detail()).put("error_type", fault.errorType());
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
        if (method.equals("GET") && seg.size() == 6 && seg.get(2).equals("requests") && seg.get(4).equals("status")
                && seg.get(5).equals("stream") && fault == null) {
            return openStream(ex, seg, query);
        }
        Http.Reply reply;
        if ((method.equals("GET") || method.equals("HEAD")) && seg.size() >= 2 && seg.get(0).equals("files")) {
            return serveFile(ex, seg.get(1), fault) ;
        }
        reply = route(method, seg, query, body, uploadFile.orElse(null));
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

    private Http.Reply route(String method, List<String> seg, String query, byte[] body, Path upload) {
        String first = seg.isEmpty() ? "" : seg.get(0);
        if (first.equals(".well-known") && seg.size() == 2 && seg.get(1).equals("jwks.json") && method.equals("GET")) {
            return Http.Reply.json(200, webhookKeys.jwks());
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
        if (first.equals("upload") && method.equals("POST") && seg.size() == 4 && seg.get(1).equals("multipart")
                && seg.get(3).equals("complete")) {
            return storage.complete(seg.get(2), parse(body).orElse(Json.mapper().createObjectNode()), query);
        }
        if (upload != null) {
            Storage.delete(upload);
        }
        if (RESERVED.contains(first) || seg.size() < 2) {
            return Http.Reply.detail(404, "Not found");
        }
        if (seg.size() >= 4 && seg.get(2).equals("requests")) {
            return requestRoute(method, seg, query);
        }
        if (method.equals("POST")) {
            return submit(String.join("/", seg), query, body);
        }
        return Http.Reply.detail(405, "Method not allowed");
    }

    private Http.Reply restRoute(String method, List<String> seg, String query, byte[] body) {
        if (method.equals("GET") && seg.equals(List.of(".well-known", "jwks.json"))) {
            return Http.Reply.json(200, webhookKeys.jwks());
        }
        if (method.equals("POST") && seg.size() == 3 && seg.get(0).equals("storage") && seg.get(1).equals("upload")
                && (seg.get(2).equals("initiate") || seg.get(2).equals("initiate-multipart"))) {
            String type = Http.queryParams(query).get("storage_type");
            if (!"fal-cdn-v3".equals(type)) {
                return Http.Reply.detail(400, "storage_type must be fal-cdn-v3, was " + type);
            }
            Optional<JsonNode> json = parse(body);
            if (json.isEmpty() || !json.get().isObject()) {
                return Http.Reply.detail(422, "Body must be {\"content_type\": …, \"file_name\": …}");
            }
            return storage.initiate(json.get(), seg.get(2).equals("initiate-multipart"));
        }
        return Http.Reply.detail(404, "Not found");
    }

    private void record(HttpExchange ex, String method, String path, String query, byte[] body, long size, boolean read) {
        Map<String, List<String>> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, k.equalsIgnoreCase("Authorization")
                ? v.stream().map(Engine::redact).collect(Collectors.toList()) : v));
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
        writeChunk(ex, r.body(), 0, fault);
    }

    private void writeChunk(HttpExchange ex, byte[] body, int from, Fault fault) {
        if (from >= body.length) {
            ex.close();
            return;
        }
        scheduler.schedule(() -> {
            int n = Math.min(fault.chunkBytes(), body.length - from);
            try {
                OutputStream out = ex.getResponseBody();
                out.write(body, from, n);
                out.flush();
                writeChunk(ex, body, from + n, fault);
            } catch (IOException e) {
                ex.close();
            }
        }, fault.chunkInterval().toNanos(), TimeUnit.NANOSECONDS);
    }

    private boolean serveFile(HttpExchange ex, String token, Fault fault) throws IOException {
        Optional<Storage.StoredFile> found = storage.file(token);
        if (found.isEmpty()) {
            send(ex, Http.Reply.detail(404, "File not found"));
            return false;
        }
        Storage.StoredFile f = found.get();
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
            byte[] bytes = new byte[(int) length];
            try (FileChannel ch = FileChannel.open(f.path())) {
                ch.read(java.nio.ByteBuffer.wrap(bytes), start);
            }
            sendSlowly(ex, new Http.Reply(status, Map.of(), bytes), fault);
            return true;
        }
        boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
        ex.sendResponseHeaders(status, head || length == 0 ? -1 : length);
        if (!head && length > 0) {
            try (InputStream in = Files.newInputStream(f.path()); OutputStream out = ex.getResponseBody()) {
                in.skipNBytes(start);
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

    private static Optional<JsonNode> parse(byte[] body) {
        try {
            return body.length == 0 ? Optional.empty() : Optional.ofNullable(Json.mapper().readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ queue

    private Http.Reply submit(String endpointId, String query, byte[] body) {
        Optional<EndpointSpec> endpoint = catalog.endpoints().stream()
                .filter(e -> e.endpointId().equals(endpointId)).findFirst();
        if (endpoint.isEmpty()) {
            return Http.Reply.detail(404, "Application '" + endpointId + "' not found (the emulator serves the "
                    + catalog.endpoints().size() + " Kling O3 endpoints of kling4j's catalog)");
        }
        Map<String, String> params = Http.queryParams(query);
        String webhook = params.get("fal_webhook");
        if (webhook != null && !isLoopback(webhook)) {
            return Http.Reply.detail(400, "fal_webhook must be an http(s) URL on loopback (127.0.0.1, localhost, ::1)"
                    + " in the emulator, was " + webhook);
        }
        String maxQueue = params.get("fal_max_queue_length");
        if (maxQueue != null) {
            long queued = jobs.values().stream().filter(j -> {
                synchronized (j) {
                    return j.state == Job.State.IN_QUEUE;
                }
            }).count();
            try {
                if (queued >= Long.parseLong(maxQueue)) {
                    return Http.Reply.detail(429, "Queue is longer than fal_max_queue_length=" + maxQueue);
                }
            } catch (NumberFormatException e) {
                return Http.Reply.detail(400, "fal_max_queue_length must be a whole number, was " + maxQueue);
            }
        }
        Optional<JsonNode> input = parse(body);
        ArrayNode problems;
        if (input.isEmpty()) {
            problems = Json.mapper().createArrayNode();
            ObjectNode d = problems.addObject();
            d.putArray("loc").add("body");
            d.put("msg", "Body must be a JSON object").put("type", "json_invalid");
        } else {
            problems = InputCheck.check(catalog, catalog.category(endpoint.get().category()), input.get());
        }
        JobScript.Plan plan = script.planFor(endpointId);
        if (plan.rejection() != null) {
            ObjectNode d = problems.addObject();
            d.putArray("loc").add("body").add(plan.rejection().field());
            d.put("msg", plan.rejection().message()).put("type", "value_error");
        }
        List<String> seg = Http.segments(endpointId);
        String ownerApp = seg.get(0) + "/" + seg.get(1);
        String id = UUID.randomUUID().toString();
        Job job = new Job(id, endpoint.get(), ownerApp, input.orElse(null), problems, plan, webhook);
        jobs.put(id, job);
        jobsCreated.incrementAndGet();
        ObjectNode out = urls(job).put("status", "IN_QUEUE");
        synchronized (job) {
            out.put("queue_position", job.queuePosition);
            if (!job.held) {
                scheduleQueueStep(job);
            }
        }
        if (webhook != null) {
            out.put("gateway_request_id", id);
        }
        return Http.Reply.json(200, out).header("x-fal-request-id", id);
    }

    private static boolean isLoopback(String url) {
        try {
            URI u = URI.create(url);
            String host = u.getHost();
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && host != null
                    && (host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost") || host.equals("[::1]")
                    || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private ObjectNode urls(Job job) {
        String base = baseUrl + "/" + job.ownerApp + "/requests/" + job.id;
        return Json.mapper().createObjectNode().put("request_id", job.id).put("response_url", base)
                .put("status_url", base + "/status").put("cancel_url", base + "/cancel");
    }

    private Http.Reply requestRoute(String method, List<String> seg, String query) {
        Job job = jobs.get(seg.get(3));
        String ownerApp = seg.get(0) + "/" + seg.get(1);
        if (job == null || !job.ownerApp.equals(ownerApp)) {
            if (method.equals("PUT") && seg.size() == 5 && seg.get(4).equals("cancel")) {
                return Http.Reply.json(404, Json.mapper().createObjectNode().put("status", "NOT_FOUND"));
            }
            return Http.Reply.detail(404, "Request not found: " + seg.get(3));
        }
        if (method.equals("GET") && seg.size() == 4) {
            return result(job).header("x-fal-request-id", job.id);
        }
        if (method.equals("GET") && seg.size() == 5 && seg.get(4).equals("status")) {
            synchronized (job) {
                boolean logs = "1".equals(Http.queryParams(query).get("logs"));
                return Http.Reply.json(job.state == Job.State.COMPLETED ? 200 : 202, status(job, logs))
                        .header("x-fal-request-id", job.id);
            }
        }
        if (method.equals("PUT") && seg.size() == 5 && seg.get(4).equals("cancel")) {
            return cancel(job).header("x-fal-request-id", job.id);
        }
        return Http.Reply.detail(405, "Method not allowed");
    }

    private Http.Reply result(Job job) {
        synchronized (job) {
            if (job.state != Job.State.COMPLETED) {
                return Http.Reply.detail(400, "Request is still in progress");
            }
            if (clock.instant().isAfter(job.completedAt.plus(retention))) {
                return Http.Reply.detail(410, "The result of request " + job.id + " expired " + retention
                        + " after completion");
            }
            if (job.cancelled) {
                return errorReply(499, "client_cancelled", "Request was cancelled");
            }
            if (job.plan.failure() != null) {
                JobScript.Failure f = job.plan.failure();
                return errorReply(f.status(), f.errorType(), f.message());
            }
            if (job.problems.size() > 0) {
                ObjectNode d = Json.mapper().createObjectNode();
                d.set("detail", job.problems);
                return Http.Reply.json(422, d);
            }
            return Http.Reply.json(200, job.output);
        }
    }

    private static Http.Reply errorReply(int status, String type, String message) {
        return Http.Reply.json(status, Json.mapper().createObjectNode().put("detail", message).put("error_type", type))
                .header("X-Fal-Error-Type", type);
    }

    private Http.Reply cancel(Job job) {
        synchronized (job) {
            if (job.state == Job.State.COMPLETED) {
                return Http.Reply.json(400, Json.mapper().createObjectNode().put("status", "ALREADY_COMPLETED"));
            }
            job.cancelled = true;
            if (job.next != null) {
                job.next.cancel(false);
            }
            finish(job);
        }
        return Http.Reply.json(202, Json.mapper().createObjectNode().put("status", "CANCELLATION_REQUESTED"));
    }

    /** Caller holds the job's monitor. */
    private ObjectNode status(Job job, boolean withLogs) {
        ObjectNode s = urls(job).put("status", job.state.name());
        if (job.state == Job.State.IN_QUEUE) {
            s.put("queue_position", job.queuePosition);
        }
        if (withLogs) {
            ArrayNode logs = s.putArray("logs");
            for (Job.Log l : job.logs) {
                logs.addObject().put("message", l.message()).put("level", l.level()).put("source", "user")
                        .put("timestamp", l.timestamp().toString());
            }
        } else {
            s.putNull("logs");
        }
        if (job.state == Job.State.COMPLETED) {
            s.putObject("metrics").put("inference_time", job.runMillis / 1000.0);
            if (job.cancelled) {
                s.put("error", "Request was cancelled").put("error_type", "client_cancelled");
            } else if (job.plan.failure() != null) {
                s.put("error", job.plan.failure().message()).put("error_type", job.plan.failure().errorType());
            }
        }
        return s;
    }

    // ------------------------------------------------------------------ timeline

    /** Caller holds the job's monitor. */
    private void scheduleQueueStep(Job job) {
        long stepNanos = job.plan.queueTime().toNanos() / job.plan.queuePositions();
        job.next = scheduler.schedule(() -> {
            synchronized (job) {
                if (job.cancelled || job.state != Job.State.IN_QUEUE) {
                    return;
                }
                if (job.queuePosition > 0) {
                    job.queuePosition--;
                    publish(job);
                    scheduleQueueStep(job);
                } else {
                    start(job);
                }
            }
        }, stepNanos, TimeUnit.NANOSECONDS);
    }

    private void start(Job job) {
        job.state = Job.State.IN_PROGRESS;
        job.logs.add(new Job.Log("Starting " + job.endpoint.endpointId(), "INFO", clock.instant()));
        publish(job);
        long half = job.plan.runTime().toNanos() / 2;
        job.next = scheduler.schedule(() -> {
            synchronized (job) {
                if (job.state != Job.State.IN_PROGRESS) {
                    return;
                }
                job.logs.add(new Job.Log("Generating video", "INFO", clock.instant()));
                publish(job);
                job.next = scheduler.schedule(() -> {
                    synchronized (job) {
                        if (job.state == Job.State.IN_PROGRESS) {
                            finish(job);
                        }
                    }
                }, job.plan.runTime().toNanos() - half, TimeUnit.NANOSECONDS);
            }
        }, half, TimeUnit.NANOSECONDS);
    }

    /** Caller holds the job's monitor. */
    private void finish(Job job) {
        boolean ran = job.state == Job.State.IN_PROGRESS;
        job.runMillis = ran && !job.cancelled ? job.plan.runTime().toMillis() : 0;
        if (!job.failed() && job.problems.size() == 0) {
            job.output = writeOutput(job);
            job.logs.add(new Job.Log("Done", "INFO", clock.instant()));
        }
        job.state = Job.State.COMPLETED;
        job.completedAt = clock.instant();
        publish(job);
        job.done.countDown();
        if (job.webhookUrl != null) {
            deliverWebhook(job);
        }
    }

    /** Sends the job's status to its open streams; caller holds the job's monitor. */
    private void publish(Job job) {
        if (job.streams.isEmpty()) {
            return;
        }
        boolean last = job.state == Job.State.COMPLETED;
        byte[] withLogs = Http.bytes(status(job, true));
        byte[] without = Http.bytes(status(job, false));
        job.streams.removeIf(s -> {
            boolean keep = s.send(s.logs ? withLogs : without, last);
            if (keep && last) {
                silentStreams.add(s);
                return true;
            }
            return !keep;
        });
    }

    private boolean openStream(HttpExchange ex, List<String> seg, String query) throws IOException {
        Job job = jobs.get(seg.get(3));
        if (job == null || !job.ownerApp.equals(seg.get(0) + "/" + seg.get(1))) {
            send(ex, Http.Reply.detail(404, "Request not found: " + seg.get(3)));
            return false;
        }
        boolean logs = "1".equals(Http.queryParams(query).get("logs"));
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.getResponseHeaders().set("x-fal-request-id", job.id);
        ex.sendResponseHeaders(200, 0);
        streamOpened(1);
        StatusStream stream = new StatusStream(ex, logs, job.plan, () -> streamOpened(-1));
        synchronized (job) {
            boolean last = job.state == Job.State.COMPLETED;
            if (stream.send(Http.bytes(status(job, logs)), last)) {
                if (last) {
                    silentStreams.add(stream);
                } else {
                    job.streams.add(stream);
                }
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ output and webhooks

    private JsonNode writeOutput(Job job) {
        int[] size = resolution(job);
        long millis = durationMillis(job);
        byte[] mp4 = Mp4.write(size[0], size[1], millis);
        String url = storage.putOutput(job.id, "output.mp4", "video/mp4", mp4);
        ObjectNode out = Json.mapper().createObjectNode();
        out.putObject("video").put("url", url).put("content_type", "video/mp4").put("file_name", "output.mp4")
                .put("file_size", mp4.length);
        return out;
    }

    private Optional<Mp4.Info> sourceVideo(Job job) {
        if (job.input == null || !job.input.hasNonNull("video_url")) {
            return Optional.empty();
        }
        return storage.byUrl(job.input.get("video_url").asText()).flatMap(f -> Mp4.read(f.path()));
    }

    private long durationMillis(Job job) {
        JsonNode d = job.input == null ? null : job.input.get("duration");
        if (d != null && d.isTextual()) {
            return Long.parseLong(d.asText()) * 1000;
        }
        Category c = job.endpoint.category();
        if (c == Category.VIDEO_TO_VIDEO_EDIT || c == Category.VIDEO_TO_VIDEO_REFERENCE) {
            Optional<Mp4.Info> src = sourceVideo(job);
            if (src.isPresent() && src.get().durationMillis() > 0) {
                return src.get().durationMillis();
            }
        }
        Object def = catalog.category(c).field("duration").flatMap(FieldSpec::defaultIfAbsent).orElse("5");
        return Long.parseLong(def.toString()) * 1000;
    }

    private int[] resolution(Job job) {
        int w;
        int h;
        switch (job.endpoint.tier()) {
            case PRO:
                w = 1920;
                h = 1080;
                break;
            case FOUR_K:
                w = 3840;
                h = 2160;
                break;
            default:
                w = 1280;
                h = 720;
                break;
        }
        String aspect = job.input == null ? "" : job.input.path("aspect_ratio").asText("");
        if (aspect.isEmpty() || aspect.equals("auto")) {
            Optional<Mp4.Info> src = sourceVideo(job);
            if (src.isPresent() && src.get().width() > 0 && src.get().height() > 0) {
                return new int[] {src.get().width(), src.get().height()};
            }
        }
        switch (aspect) {
            case "9:16":
                return new int[] {h, w};
            case "1:1":
                return new int[] {h, h};
            default:
                return new int[] {w, h};
        }
    }

    /** Caller holds the job's monitor. */
    private void deliverWebhook(Job job) {
        ObjectNode body = Json.mapper().createObjectNode().put("request_id", job.id).put("gateway_request_id", job.id);
        Http.Reply result = result(job);
        JsonNode payload = parse(result.body()).orElse(Json.mapper().nullNode());
        if (result.status() == 200) {
            body.put("status", "OK").set("payload", payload);
        } else {
            body.put("status", "ERROR").put("error", "Invalid status code: " + result.status()).set("payload", payload);
        }
        byte[] bytes = Http.bytes(body);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String message = job.id + "\n" + userId + "\n" + timestamp + "\n" + Http.hex(sha256(bytes));
        String signature = webhookKeys.sign(message.getBytes(StandardCharsets.UTF_8));
        URI target = URI.create(job.webhookUrl);
        // One delivery, no retries: a test that wants retries scripts its receiver instead. HttpURLConnection
        // on the emulator's own pool, because a java.net.http client keeps a thread until it is collected.
        webhookPool.execute(() -> {
            try {
                HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
                c.setConnectTimeout(5_000);
                c.setReadTimeout(10_000);
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(bytes.length);
                c.setRequestProperty("Content-Type", "application/json");
                c.setRequestProperty("X-Fal-Webhook-Request-Id", job.id);
                c.setRequestProperty("X-Fal-Webhook-User-Id", userId);
                c.setRequestProperty("X-Fal-Webhook-Timestamp", timestamp);
                c.setRequestProperty("X-Fal-Webhook-Signature", signature);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(bytes);
                }
                c.getResponseCode();
                c.disconnect();
            } catch (IOException e) {
                // The receiver is gone or refused: fal would retry later; the emulator delivers once.
            }
        });
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
