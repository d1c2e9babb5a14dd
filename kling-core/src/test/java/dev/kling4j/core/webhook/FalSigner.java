package dev.kling4j.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signs webhook deliveries as fal does, with a fresh JDK-generated Ed25519 key pair. */
final class FalSigner {
    final KeyPair keyPair;

    FalSigner() {
        try {
            keyPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** The raw 32-byte key as RFC 8032 encodes it: y little-endian, the top bit holding whether x is odd. */
    byte[] rawPublicKey() {
        EdECPublicKey key = (EdECPublicKey) keyPair.getPublic();
        byte[] bigEndian = key.getPoint().getY().toByteArray();
        byte[] raw = new byte[32];
        for (int i = 0; i < bigEndian.length && i < 32; i++) {
            raw[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            raw[31] |= (byte) 0x80;
        }
        return raw;
    }

    /** The JWK {@code x}: base64url of the raw key, without padding as RFC 7517 wants. */
    String x() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(rawPublicKey());
    }

    /** The JWK {@code x} padded with {@code =}, as some servers send it. */
    String paddedX() {
        return Base64.getUrlEncoder().encodeToString(rawPublicKey());
    }

    String jwks() {
        return "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"k1\",\"x\":\"" + x() + "\"}]}";
    }

    /** The four headers fal sends with {@code body}, signed at {@code at}. */
    Map<String, List<String>> headers(String requestId, String userId, Instant at, byte[] body) {
        String timestamp = Long.toString(at.getEpochSecond());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Fal-Webhook-Request-Id", List.of(requestId));
        headers.put("X-Fal-Webhook-User-Id", List.of(userId));
        headers.put("X-Fal-Webhook-Timestamp", List.of(timestamp));
        headers.put("X-Fal-Webhook-Signature", List.of(sign(requestId, userId, timestamp, body)));
        return headers;
    }

    String sign(String requestId, String userId, String timestamp, byte[] body) {
        try {
            String bodyHash = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keyPair.getPrivate());
            signer.update(
                    (requestId + "\n" + userId + "\n" + timestamp + "\n" + bodyHash).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
