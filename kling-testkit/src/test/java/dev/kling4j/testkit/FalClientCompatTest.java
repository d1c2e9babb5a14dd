package dev.kling4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fal.client.ClientConfig;
import ai.fal.client.CredentialsResolver;
import ai.fal.client.FalClient;
import ai.fal.client.Output;
import ai.fal.client.SubscribeOptions;
import ai.fal.client.http.HttpClient;
import ai.fal.client.queue.QueueStatus;
import com.google.gson.JsonObject;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** fal's own Java client, pointed at the emulator as its proxy, subscribes to a job and gets the result. */
class FalClientCompatTest {

    @Test
    void falsJavaClientSubscribesThroughTheProxyConventionAndGetsTheVideo() throws Exception {
        try (FalEmulator fal = FalEmulator.start()) {
            FalClient client = FalClient.withConfig(ClientConfig.builder()
                    .withCredentials(CredentialsResolver.fromApiKey("test-key"))
                    .withProxyUrl(fal.queueUrl() + "/api/fal/proxy")
                    .build());
            List<QueueStatus.StatusUpdate> updates = new CopyOnWriteArrayList<>();
            try {
                Output<JsonObject> output = client.subscribe(
                        "fal-ai/kling-video/o3/pro/text-to-video",
                        SubscribeOptions.<JsonObject>builder()
                                .input(Map.of("prompt", "a red fox in snow", "duration", "6"))
                                .resultType(JsonObject.class)
                                .logs(true)
                                .onQueueUpdate(updates::add)
                                .build());

                JsonObject video = output.getData().getAsJsonObject("video");
                assertThat(video.get("content_type").getAsString()).isEqualTo("video/mp4");
                assertThat(output.getRequestId()).isNotBlank();
                assertThat(updates).last().isInstanceOf(QueueStatus.Completed.class);
                assertThat(
                                Wire.mp4Header(Wire.getBytes(video.get("url").getAsString(), null)
                                        .body())[0])
                        .isEqualTo(6_000L);
            } finally {
                shutDown(client);
            }
            assertThat(fal.jobsCreated()).isEqualTo(1);
            List<RecordedRequest> viaProxy =
                    fal.requests(r -> r.header("X-Fal-Target-Url").isPresent());
            String id = viaProxy.get(1).path().split("/")[4];
            assertThat(viaProxy)
                    .extracting(r -> r.method() + " " + r.path())
                    .containsExactly(
                            "POST /fal-ai/kling-video/o3/pro/text-to-video",
                            "GET /fal-ai/kling-video/requests/" + id + "/status/stream",
                            "GET /fal-ai/kling-video/requests/" + id);
            assertThat(viaProxy).allSatisfy(r -> {
                assertThat(r.header("X-Fal-Target-Url"))
                        .hasValueSatisfying(u -> assertThat(u).startsWith("https://queue.fal.run/"));
                assertThat(r.header("Authorization")).contains("Key ***");
            });
        }
    }

    /** fal's client keeps non-daemon OkHttp threads alive for a minute; stop them so the build does not wait. */
    private static void shutDown(FalClient client) throws ReflectiveOperationException {
        Field f = client.getClass().getDeclaredField("httpClient");
        f.setAccessible(true);
        OkHttpClient ok = ((HttpClient) f.get(client)).getUnderlyingClient();
        ok.dispatcher().executorService().shutdown();
        ok.connectionPool().evictAll();
    }
}
