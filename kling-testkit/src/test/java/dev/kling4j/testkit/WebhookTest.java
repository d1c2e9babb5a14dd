package dev.kling4j.testkit;

import static dev.kling4j.testkit.Wire.I2V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.testkit.WebhookInbox.Delivery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookTest {
    /** The DER header of an X.509 SubjectPublicKeyInfo for Ed25519, before the raw 32-byte key. */
    private static final byte[] ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final FalEmulator fal = FalEmulator.start();
    private final WebhookInbox inbox = new WebhookInbox();

    @AfterEach
    void stop() {
        inbox.close();
        fal.close();
    }

    private Delivery submitAndReceive(String input) throws InterruptedException {
        String hook = URLEncoder.encode(inbox.url(), StandardCharsets.UTF_8);
        JsonNode submitted = Wire.json(Wire.post(fal.queueUrl() + "/" + I2V + "?fal_webhook=" + hook, input));
        assertThat(submitted.get("gateway_request_id").asText())
                .isEqualTo(submitted.get("request_id").asText());
        Delivery d = inbox.next();
        assertThat(d).as("webhook delivery").isNotNull();
        assertThat(d.header("X-Fal-Webhook-Request-Id"))
                .isEqualTo(submitted.get("request_id").asText());
        return d;
    }

    private List<PublicKey> jwks() throws Exception {
        JsonNode keys = Wire.json(Wire.get(fal.jwksUrl())).get("keys");
        List<PublicKey> out = new ArrayList<>();
        for (JsonNode k : keys) {
            assertThat(k.get("kty").asText()).isEqualTo("OKP");
            assertThat(k.get("crv").asText()).isEqualTo("Ed25519");
            byte[] raw = Base64.getUrlDecoder().decode(k.get("x").asText());
            assertThat(raw).hasSize(32);
            byte[] der = new byte[ED25519_PREFIX.length + 32];
            System.arraycopy(ED25519_PREFIX, 0, der, 0, ED25519_PREFIX.length);
            System.arraycopy(raw, 0, der, ED25519_PREFIX.length, 32);
            out.add(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        }
        return out;
    }

    private static boolean verifies(Delivery d, PublicKey key) throws Exception {
        String message = d.header("X-Fal-Webhook-Request-Id") + "\n" + d.header("X-Fal-Webhook-User-Id")
                + "\n" + d.header("X-Fal-Webhook-Timestamp") + "\n"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(d.body()));
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(message.getBytes(StandardCharsets.UTF_8));
        return s.verify(HexFormat.of().parseHex(d.header("X-Fal-Webhook-Signature")));
    }

    @Test
    void aCompletedJobIsPostedSignedWithAKeyOfTheServedJwks() throws Exception {
        Delivery d = submitAndReceive("{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        JsonNode body = Json.mapper().readTree(d.body());
        assertThat(body.get("status").asText()).isEqualTo("OK");
        assertThat(body.get("payload").get("video").get("content_type").asText())
                .isEqualTo("video/mp4");
        assertThat(d.header("X-Fal-Webhook-User-Id")).isEqualTo("emulator-user");
        assertThat(Long.parseLong(d.header("X-Fal-Webhook-Timestamp")))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(300L));
        assertThat(verifies(d, jwks().get(0))).isTrue();

        byte[] tampered = d.body().clone();
        tampered[tampered.length - 2] ^= 1;
        assertThat(verifies(new Delivery(d.headers(), tampered), jwks().get(0))).isFalse();
    }

    @Test
    void invalidInputIsDeliveredAsAnErrorWithTheDetailAsPayload() throws Exception {
        Delivery d = submitAndReceive("{\"prompt\":\"p\"}");
        JsonNode body = Json.mapper().readTree(d.body());
        assertThat(body.get("status").asText()).isEqualTo("ERROR");
        assertThat(body.get("error").asText()).contains("422");
        assertThat(body.get("payload").get("detail").get(0).get("loc").get(1).asText())
                .isEqualTo("image_url");
    }

    @Test
    void afterRotationTheNewKeySignsAndTheOldOneStaysInTheJwks() throws Exception {
        String before = fal.webhookKeys().currentKeyId();
        String after = fal.webhookKeys().rotate();
        assertThat(after).isNotEqualTo(before);
        Delivery d = submitAndReceive("{\"image_url\":\"https://x.test/a.png\",\"prompt\":\"p\"}");
        List<PublicKey> keys = jwks();
        assertThat(keys).hasSize(2);
        assertThat(verifies(d, keys.get(0))).isFalse();
        assertThat(verifies(d, keys.get(1))).isTrue();
        assertThat(fal.webhookKeys().jwksJson()).contains(before, after);
    }
}
