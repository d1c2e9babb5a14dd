package dev.kling4j.core.internal;

import dev.kling4j.core.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * What kling4j's services (the queue, uploads, downloads, pricing, the generation flow) need of a client: its
 * shared resources and its settings, never the {@code KlingClient} itself, so that no service depends on the
 * class that wires them. Not API.
 *
 * @param resources the transport and the shared threads
 * @param queueUrl the queue's base URL
 * @param restUrl the REST (storage) base URL
 * @param apiUrl the Platform API base URL
 * @param attemptTimeout the longest one attempt of a JSON call may take
 * @param pollInitial the first interval between status polls
 * @param pollMax the cap on that interval
 * @param streamSilence how long a status stream may stay silent
 * @param transferStall how long a transfer may go without progress
 * @param home the folder kling4j keeps its files in
 * @param sleeper the sleeper for retries and polls
 * @param clock the clock
 */
public record ClientContext(
        ClientResources resources,
        HttpUrl queueUrl,
        HttpUrl restUrl,
        HttpUrl apiUrl,
        Duration attemptTimeout,
        Duration pollInitial,
        Duration pollMax,
        Duration streamSilence,
        Duration transferStall,
        Path home,
        Sleeper sleeper,
        Clock clock) {

    /**
     * Checks the components.
     *
     * @param resources the transport and the shared threads
     * @param queueUrl the queue's base URL
     * @param restUrl the REST (storage) base URL
     * @param apiUrl the Platform API base URL
     * @param attemptTimeout the longest one attempt of a JSON call may take
     * @param pollInitial the first interval between status polls
     * @param pollMax the cap on that interval
     * @param streamSilence how long a status stream may stay silent
     * @param transferStall how long a transfer may go without progress
     * @param home the folder kling4j keeps its files in
     * @param sleeper the sleeper for retries and polls
     * @param clock the clock
     */
    public ClientContext {
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(restUrl, "restUrl");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
    }
}
