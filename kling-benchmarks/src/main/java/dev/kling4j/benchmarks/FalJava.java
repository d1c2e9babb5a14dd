package dev.kling4j.benchmarks;

import ai.fal.client.ClientConfig;
import ai.fal.client.CredentialsResolver;
import ai.fal.client.FalClient;
import ai.fal.client.http.HttpClient;
import dev.kling4j.testkit.FalEmulator;
import java.lang.reflect.Field;
import okhttp3.OkHttpClient;

/**
 * fal's own Java client (0.7.1), the baseline of the flow benchmarks, pointed at an emulator. fal's client
 * has no base URL setting; its proxy URL does the job (the emulator serves {@code X-Fal-Target-Url}).
 */
final class FalJava {
    private FalJava() {}

    /**
     * A fal client whose every call goes to the emulator.
     *
     * @param fal the emulator
     * @return the client; {@link #close} it
     */
    static FalClient client(FalEmulator fal) {
        return FalClient.withConfig(ClientConfig.builder()
                .withCredentials(CredentialsResolver.fromApiKey("bench-key"))
                .withProxyUrl(fal.queueUrl() + "/api/fal/proxy")
                .build());
    }

    /**
     * Stops the client's OkHttp threads: fal's client has no close and keeps non-daemon threads alive for a
     * minute after its last call, which would keep the JVM from exiting and count in the next run's threads.
     *
     * @param client the client
     */
    static void close(FalClient client) {
        try {
            Field f = client.getClass().getDeclaredField("httpClient");
            f.setAccessible(true);
            OkHttpClient ok = ((HttpClient) f.get(client)).getUnderlyingClient();
            ok.dispatcher().executorService().shutdown();
            ok.connectionPool().evictAll();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("fal-client's layout changed; update FalJava.close", e);
        }
    }
}
