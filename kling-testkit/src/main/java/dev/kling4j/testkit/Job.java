package dev.kling4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kling4j.core.catalog.EndpointSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;

/** One queued request and its state. Guarded by its own monitor. */
final class Job {
    enum State {
        IN_QUEUE,
        IN_PROGRESS,
        COMPLETED
    }

    record Log(String message, String level, Instant timestamp) {}

    final String id;
    final EndpointSpec endpoint;
    final String ownerApp;
    final JsonNode input;
    final ArrayNode problems;
    final JobScript.Plan plan;
    final String webhookUrl;

    State state = State.IN_QUEUE;
    int queuePosition;
    boolean held;
    /** Set when the job was cancelled or timed out before it started; wins over the scripted outcome. */
    JobScript.Failure aborted;

    Instant completedAt;
    /** {@link System#nanoTime()} when the job was marked COMPLETED, before any status went out; 0 until then. */
    long completedNanos;

    long runMillis;
    final List<Log> logs = new ArrayList<>();
    final List<StatusStream> streams = new ArrayList<>();
    ScheduledFuture<?> next;
    ScheduledFuture<?> timeout;
    JsonNode output;
    /** The seconds billed, reported in the result's x-fal-billable-units header. */
    int billedSeconds;

    final CountDownLatch done = new CountDownLatch(1);

    Job(
            String id,
            EndpointSpec endpoint,
            String ownerApp,
            JsonNode input,
            ArrayNode problems,
            JobScript.Plan plan,
            String webhookUrl) {
        this.id = id;
        this.endpoint = endpoint;
        this.ownerApp = ownerApp;
        this.input = input;
        this.problems = problems;
        this.plan = plan;
        this.webhookUrl = webhookUrl;
        this.queuePosition = plan.queuePositions() - 1;
        this.held = plan.hold();
    }

    /** How the job failed, or null when it did not. */
    JobScript.Failure failure() {
        return aborted != null ? aborted : plan.failure();
    }
}
