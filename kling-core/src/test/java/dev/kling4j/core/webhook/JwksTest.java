package dev.kling4j.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class JwksTest {
    private final FalSigner fal = new FalSigner();

    @RepeatedTest(8)
    void theRawKeyOfAJwkIsTheTailOfTheJdksX509Encoding() {
        byte[] encoded = fal.publicKey().getEncoded();

        assertThat(fal.rawPublicKey()).isEqualTo(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    @RepeatedTest(8)
    void anUnpaddedXDecodesToTheSameKey() {
        PublicKey key = Jwks.ed25519(fal.x());

        assertThat(key.getEncoded()).isEqualTo(fal.publicKey().getEncoded());
        assertThat(key).isEqualTo(fal.publicKey());
    }

    @Test
    void aPaddedXDecodesToTheSameKey() {
        assertThat(fal.paddedX()).endsWith("=");

        assertThat(Jwks.ed25519(fal.paddedX()).getEncoded())
                .isEqualTo(fal.publicKey().getEncoded());
    }

    @Test
    void anXInStandardBase64DecodesToTheSameKey() {
        String standard = Base64.getEncoder().encodeToString(fal.rawPublicKey());

        assertThat(Jwks.ed25519(standard).getEncoded())
                .isEqualTo(fal.publicKey().getEncoded());
    }

    @RepeatedTest(8)
    void theDecodedKeyHasTheSamePointAsOneBuiltFromTheCurvePoint() throws Exception {
        EdECPublicKey original = (EdECPublicKey) fal.publicKey();
        byte[] raw = fal.rawPublicKey();
        boolean xOdd = (raw[31] & 0x80) != 0;
        byte[] bigEndianY = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndianY[i] = raw[31 - i];
        }
        bigEndianY[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndianY));
        PublicKey fromPoint = KeyFactory.getInstance("Ed25519")
                .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));

        EdECPublicKey decoded = (EdECPublicKey) Jwks.ed25519(fal.x());

        assertThat(point.getY()).isEqualTo(original.getPoint().getY());
        assertThat(point.isXOdd()).isEqualTo(original.getPoint().isXOdd());
        assertThat(decoded.getPoint().getY()).isEqualTo(original.getPoint().getY());
        assertThat(decoded.getPoint().isXOdd()).isEqualTo(original.getPoint().isXOdd());
        assertThat(fromPoint.getEncoded()).isEqualTo(decoded.getEncoded());
    }

    @Test
    void aJwksKeepsItsEd25519KeysAndSkipsOthers() {
        FalSigner second = new FalSigner();
        String jwks = "{\"keys\":["
                + "{\"kty\":\"RSA\",\"n\":\"abc\",\"e\":\"AQAB\"},"
                + "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"" + fal.x() + "\"},"
                + "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + fal.x() + "\",\"use\":\"sig\"},"
                + "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + second.paddedX() + "\"}]}";

        List<PublicKey> keys = Jwks.parse(jwks);

        assertThat(keys).containsExactly(fal.publicKey(), second.publicKey());
    }

    @Test
    void anXOfTheWrongLengthIsNamed() {
        String jwks = "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}]}";

        assertThatThrownBy(() -> Jwks.parse(jwks))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keys[0].x")
                .hasMessageContaining("32 bytes");
    }

    @Test
    void aDocumentWithoutKeysIsRefused() {
        assertThatThrownBy(() -> Jwks.parse("{\"kid\":\"x\"}")).hasMessageContaining("\"keys\" array");
        assertThatThrownBy(() -> Jwks.parse("<html>")).hasMessageContaining("not JSON");
    }

    @Test
    void fromJsonGivesAPinnedSource() {
        assertThat(JwksSource.fromJson(fal.jwks()).fetch()).containsExactly(fal.publicKey());
    }

    @Test
    void aKeyThatIsNotEd25519IsRefusedWhenPinned() throws Exception {
        PublicKey rsa = java.security.KeyPairGenerator.getInstance("RSA")
                .generateKeyPair()
                .getPublic();

        assertThatThrownBy(() -> JwksSource.of(rsa))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RSA is not an Ed25519 key");
    }

    @Test
    void aJwksUrlMustBeHttpsUnlessLoopback() {
        assertThatThrownBy(() -> WebhookVerifier.builder().jwksUrl("http://example.com/jwks.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses plain http to a non-loopback host; use https");
        assertThat(JwksSource.url("http://127.0.0.1:8080/jwks.json")).isNotNull();
        assertThat(JwksSource.url("http://localhost/jwks.json")).isNotNull();
        assertThat(JwksSource.url(JwksSource.FAL_JWKS_URL)).isNotNull();
    }
}
