package dev.kling4j.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where job scripts live: emulator-wide defaults, per endpoint, and one-shot scripts for the next jobs.
 *
 * <p>Obtain it from {@link FalEmulator#script()}. See {@link JobScript} for the order in which they apply.
 */
public final class Script {
    private final JobScript defaults = new JobScript();
    private final Map<String, JobScript> endpoints = new ConcurrentHashMap<>();
    private final Deque<JobScript> nextJobs = new ArrayDeque<>();

    Script() {}

    /**
     * The settings every job gets unless a more specific script says otherwise.
     *
     * @return the defaults script
     */
    public JobScript defaults() {
        return defaults;
    }

    /**
     * The script of one endpoint.
     *
     * @param endpointId the full endpoint id, e.g. {@code fal-ai/kling-video/o3/pro/image-to-video}
     * @return its script, created on first use
     */
    public JobScript forEndpoint(String endpointId) {
        return endpoints.computeIfAbsent(Objects.requireNonNull(endpointId, "endpointId"), k -> new JobScript());
    }

    /**
     * A script for one job only: each call queues a new script, taken by the next submitted job.
     *
     * @return the new one-shot script
     */
    public synchronized JobScript nextJob() {
        JobScript s = new JobScript();
        nextJobs.addLast(s);
        return s;
    }

    /** Forgets every script. */
    public synchronized void clear() {
        defaults.clear();
        endpoints.clear();
        nextJobs.clear();
    }

    synchronized JobScript.Plan planFor(String endpointId) {
        return JobScript.resolve(nextJobs.pollFirst(), endpoints.get(endpointId), defaults, JobScript.builtIn());
    }
}
