package dev.kling4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.kling4j.core.catalog.Catalog;
import dev.kling4j.core.catalog.EndpointSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fal's queue: jobs, their timeline (IN_QUEUE positions, IN_PROGRESS logs, COMPLETED metrics) on a
 * scheduler, status, SSE streams, result, cancel and retention. Each job is guarded by its own monitor.
 */
final class Queue {
    private final Catalog catalog;
    private final Script script;
    private final Clock clock;
    private final Duration retention;
    private final String baseUrl;
    private final ScheduledExecutorService scheduler;
    private final VideoOutput videos;
    private final WebhookSender webhooks;
    final AtomicInteger jobsCreated = new AtomicInteger();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Set<StatusStream> silentStreams = ConcurrentHashMap.newKeySet();
    private final Object streamLock = new Object();
    private int openStreams;

    Queue(
            Catalog catalog,
            Script script,
            Clock clock,
            Duration retention,
            String baseUrl,
            ScheduledExecutorService scheduler,
            VideoOutput videos,
            WebhookSender webhooks) {
        this.catalog = catalog;
        this.script = script;
        this.clock = clock;
        this.retention = retention;
        this.baseUrl = baseUrl;
        this.scheduler = scheduler;
        this.videos = videos;
        this.webhooks = webhooks;
    }

    /** Stops every timer and closes every open stream. */
    void close() {
        for (Job j : jobs.values()) {
            List<StatusStream> open;
            synchronized (j) {
                if (j.next != null) {
                    j.next.cancel(false);
                }
                if (j.timeout != null) {
                    j.timeout.cancel(false);
                }
                open = new ArrayList<>(j.streams);
                j.streams.clear();
            }
            open.forEach(StatusStream::close);
        }
        silentStreams.forEach(StatusStream::close);
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
            if (j.state == Job.State.IN_QUEUE && j.aborted == null) {
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

    OptionalLong completedNanoTime(String requestId) {
        Job j = jobs.get(requestId);
        if (j == null) {
            throw new IllegalArgumentException("no job with request id " + requestId);
        }
        synchronized (j) {
            return j.state == Job.State.COMPLETED ? OptionalLong.of(j.completedNanos) : OptionalLong.empty();
        }
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

    Http.Reply submit(String endpointId, String query, String requestTimeout, byte[] body) {
        Optional<EndpointSpec> endpoint = catalog.endpoints().stream()
                .filter(e -> e.endpointId().equals(endpointId))
                .findFirst();
        if (endpoint.isEmpty()) {
            return Http.Reply.detail(
                    404,
                    "Application '" + endpointId + "' not found (the emulator serves the "
                            + catalog.endpoints().size() + " Kling O3 endpoints of kling4j's catalog)");
        }
        Map<String, String> params = Http.queryParams(query);
        String webhook = params.get("fal_webhook");
        if (webhook != null && !isLoopback(webhook)) {
            return Http.Reply.detail(
                    400,
                    "fal_webhook must be an http(s) URL on loopback (127.0.0.1, localhost, ::1)"
                            + " in the emulator, was " + webhook);
        }
        String maxQueue = params.get("fal_max_queue_length");
        if (maxQueue != null) {
            long queued = jobs.values().stream()
                    .filter(j -> {
                        synchronized (j) {
                            return j.state == Job.State.IN_QUEUE;
                        }
                    })
                    .count();
            try {
                if (queued >= Long.parseLong(maxQueue)) {
                    return Http.Reply.detail(429, "Queue is longer than fal_max_queue_length=" + maxQueue);
                }
            } catch (NumberFormatException e) {
                return Http.Reply.detail(400, "fal_max_queue_length must be a whole number, was " + maxQueue);
            }
        }
        double timeoutSeconds = 0;
        if (requestTimeout != null) {
            try {
                timeoutSeconds = Double.parseDouble(requestTimeout.trim());
            } catch (NumberFormatException e) {
                timeoutSeconds = -1;
            }
            if (!(timeoutSeconds > 0)) {
                return Http.Reply.detail(
                        400, "X-Fal-Request-Timeout must be a positive number of seconds, was " + requestTimeout);
            }
        }
        Optional<JsonNode> input = Http.parse(body);
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
            if (timeoutSeconds > 0) {
                // fal's deadline is to *start*: a job still waiting then ends with a 504 of type "user".
                job.timeout = scheduler.schedule(
                        () -> {
                            synchronized (job) {
                                if (job.state == Job.State.IN_QUEUE) {
                                    abort(
                                            job,
                                            new JobScript.Failure(
                                                    504,
                                                    "request_timeout",
                                                    "Request timed out in the queue (X-Fal-Request-Timeout: "
                                                            + requestTimeout + ")"));
                                }
                            }
                        },
                        (long) (timeoutSeconds * 1e9),
                        TimeUnit.NANOSECONDS);
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
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && host != null
                    && (host.equals("127.0.0.1")
                            || host.equalsIgnoreCase("localhost")
                            || host.equals("[::1]")
                            || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private ObjectNode urls(Job job) {
        String base = baseUrl + "/" + job.ownerApp + "/requests/" + job.id;
        return Json.mapper()
                .createObjectNode()
                .put("request_id", job.id)
                .put("response_url", base)
                .put("status_url", base + "/status")
                .put("cancel_url", base + "/cancel");
    }

    Http.Reply requestRoute(String method, List<String> seg, String query) {
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
                return Http.Reply.detail(
                        410, "The result of request " + job.id + " expired " + retention + " after completion");
            }
            JobScript.Failure f = job.failure();
            if (f != null) {
                Http.Reply r = Http.Reply.json(
                                f.status(),
                                Json.mapper()
                                        .createObjectNode()
                                        .put("detail", f.message())
                                        .put("error_type", f.errorType()))
                        .header("X-Fal-Error-Type", f.errorType());
                return f == job.aborted && f.errorType().equals("request_timeout")
                        ? r.header("X-Fal-Request-Timeout-Type", "user")
                        : r;
            }
            if (job.problems.size() > 0) {
                ObjectNode d = Json.mapper().createObjectNode();
                d.set("detail", job.problems);
                return Http.Reply.json(422, d);
            }
            Http.Reply ok = Http.Reply.json(200, job.output);
            // fal reports the billed quantity (seconds of output here) in this header, on some answers only.
            return job.plan.billableUnits()
                    ? ok.header("x-fal-billable-units", Integer.toString(job.billedSeconds))
                    : ok;
        }
    }

    private Http.Reply cancel(Job job) {
        synchronized (job) {
            if (job.state == Job.State.COMPLETED) {
                return Http.Reply.json(400, Json.mapper().createObjectNode().put("status", "ALREADY_COMPLETED"));
            }
            abort(job, new JobScript.Failure(499, "client_cancelled", "Request was cancelled"));
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
                logs.addObject()
                        .put("message", l.message())
                        .put("level", l.level())
                        .put("source", "user")
                        .put("timestamp", l.timestamp().toString());
            }
        } else {
            s.putNull("logs");
        }
        if (job.state == Job.State.COMPLETED) {
            s.putObject("metrics").put("inference_time", job.runMillis / 1000.0);
            if (job.failure() != null) {
                s.put("error", job.failure().message())
                        .put("error_type", job.failure().errorType());
            }
        }
        return s;
    }

    /** Caller holds the job's monitor. */
    private void scheduleQueueStep(Job job) {
        long stepNanos = job.plan.queueTime().toNanos() / job.plan.queuePositions();
        job.next = scheduler.schedule(
                () -> {
                    synchronized (job) {
                        if (job.aborted != null || job.state != Job.State.IN_QUEUE) {
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
                },
                stepNanos,
                TimeUnit.NANOSECONDS);
    }

    private void start(Job job) {
        job.state = Job.State.IN_PROGRESS;
        job.logs.add(new Job.Log("Starting " + job.endpoint.endpointId(), "INFO", clock.instant()));
        publish(job);
        long half = job.plan.runTime().toNanos() / 2;
        job.next = scheduler.schedule(
                () -> {
                    synchronized (job) {
                        if (job.state != Job.State.IN_PROGRESS) {
                            return;
                        }
                        job.logs.add(new Job.Log("Generating video", "INFO", clock.instant()));
                        publish(job);
                        job.next = scheduler.schedule(
                                () -> {
                                    synchronized (job) {
                                        if (job.state == Job.State.IN_PROGRESS) {
                                            finish(job);
                                        }
                                    }
                                },
                                job.plan.runTime().toNanos() - half,
                                TimeUnit.NANOSECONDS);
                    }
                },
                half,
                TimeUnit.NANOSECONDS);
    }

    /** Ends a job that has not completed: cancelled, or timed out in the queue. Caller holds the monitor. */
    private void abort(Job job, JobScript.Failure why) {
        job.aborted = why;
        if (job.next != null) {
            job.next.cancel(false);
        }
        if (job.timeout != null) {
            job.timeout.cancel(false);
        }
        finish(job);
    }

    /** Caller holds the job's monitor. */
    private void finish(Job job) {
        boolean ran = job.state == Job.State.IN_PROGRESS;
        job.runMillis = ran && job.aborted == null ? job.plan.runTime().toMillis() : 0;
        if (job.failure() == null && job.problems.size() == 0) {
            try {
                job.output = videos.write(job);
                job.billedSeconds = videos.billedSeconds(job);
                job.logs.add(new Job.Log("Done", "INFO", clock.instant()));
            } catch (UncheckedIOException e) {
                // a scripted output file that is gone: the job fails as a runner would, rather than never ending
                job.aborted = new JobScript.Failure(500, "runner_server_error", e.getMessage());
            }
        }
        job.state = Job.State.COMPLETED;
        job.completedAt = clock.instant();
        job.completedNanos = System.nanoTime();
        publish(job);
        job.done.countDown();
        if (job.webhookUrl != null) {
            webhooks.deliver(job, result(job));
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

    boolean openStream(HttpExchange ex, List<String> seg, String query) throws IOException {
        Job job = jobs.get(seg.get(3));
        if (job == null || !job.ownerApp.equals(seg.get(0) + "/" + seg.get(1))) {
            Engine.send(ex, Http.Reply.detail(404, "Request not found: " + seg.get(3)));
            return false;
        }
        boolean logs = "1".equals(Http.queryParams(query).get("logs"));
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.getResponseHeaders().set("x-fal-request-id", job.id);
        ex.sendResponseHeaders(200, 0);
        StatusStream stream = new StatusStream(ex, logs, job.plan, () -> streamOpened(-1));
        synchronized (job) {
            // Counted under the job's monitor, with its first event: whoever waits for the stream to be open
            // (awaitOpenStatusStreams) cannot then release the job ahead of that first event.
            streamOpened(1);
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
}
