package dev.kling4j.core.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kling4j.core.internal.json.Json;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Reads the Ed25519 keys of a JWKS document (RFC 8037 {@code OKP} keys). */
final class Jwks {
    // DER header of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112); the raw 32-byte key follows.
    private static final byte[] X509_ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int KEY_LENGTH = 32;

    private Jwks() {}

    /**
     * The Ed25519 keys of a JWKS; keys of other types or curves are skipped.
     *
     * @throws IllegalArgumentException when the document is not a JWKS or an Ed25519 key is unreadable
     */
    static List<PublicKey> parse(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the JWKS is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode keys = root == null ? null : root.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new IllegalArgumentException("the JWKS has no \"keys\" array");
        }
        List<PublicKey> result = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            JsonNode key = keys.get(i);
            if (!"OKP".equals(key.path("kty").asText())
                    || !"Ed25519".equals(key.path("crv").asText())) {
                continue;
            }
            JsonNode x = key.get("x");
            if (x == null || !x.isTextual()) {
                throw new IllegalArgumentException(
                        "keys[" + i + "].x is missing: an Ed25519 JWK needs its public key in x");
            }
            try {
                result.add(ed25519(x.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("keys[" + i + "].x: " + e.getMessage(), e);
            }
        }
        return List.copyOf(result);
    }

    /**
     * The Ed25519 public key whose raw 32 bytes (RFC 8032 encoding) are {@code x}, in base64url with or
     * without {@code =} padding (standard base64 is accepted too).
     */
    static PublicKey ed25519(String x) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(x.trim().replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64url: " + e.getMessage(), e);
        }
        if (raw.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 key is 32 bytes, this one is " + raw.length);
        }
        byte[] der = new byte[X509_ED25519_PREFIX.length + KEY_LENGTH];
        System.arraycopy(X509_ED25519_PREFIX, 0, der, 0, X509_ED25519_PREFIX.length);
        System.arraycopy(raw, 0, der, X509_ED25519_PREFIX.length, KEY_LENGTH);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }
}
