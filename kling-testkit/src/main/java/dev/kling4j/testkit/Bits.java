package dev.kling4j.testkit;

import java.util.Arrays;

/**
 * A bit string written most significant bit first (H.264's RBSP, AAC's raw data blocks), or only counted.
 * The emulator lays a video out by running its encoder on a counter and renders it by running the same code
 * on a writer, so the byte count it announces before rendering is the count it writes.
 */
final class Bits {
    private final boolean counting;
    private byte[] buf;
    private int len;
    private long acc;
    private int accBits;
    private long bits;

    private Bits(boolean counting, int capacity) {
        this.counting = counting;
        this.buf = counting ? null : new byte[Math.max(16, capacity)];
    }

    /** A bit string that keeps only its length. */
    static Bits counter() {
        return new Bits(true, 0);
    }

    /** A bit string that keeps its bytes, growing from {@code capacity}. */
    static Bits writer(int capacity) {
        return new Bits(false, capacity);
    }

    boolean counting() {
        return counting;
    }

    /** Empties the string, keeping its buffer. */
    void reset() {
        len = 0;
        acc = 0;
        accBits = 0;
        bits = 0;
    }

    /** Appends the {@code n} low bits of {@code value}, {@code n} from 0 to 32. */
    void u(int n, long value) {
        bits += n;
        if (counting || n == 0) {
            return;
        }
        acc = (acc << n) | (value & ((1L << n) - 1));
        accBits += n;
        while (accBits >= 8) {
            accBits -= 8;
            put((byte) (acc >>> accBits));
        }
        acc &= (1L << accBits) - 1;
    }

    /** Appends an unsigned Exp-Golomb code, ue(v). */
    void ue(int v) {
        long x = v + 1L;
        int width = 64 - Long.numberOfLeadingZeros(x);
        u(width - 1, 0);
        u(width, x);
    }

    /** Appends a signed Exp-Golomb code, se(v). */
    void se(int v) {
        ue(v <= 0 ? -2 * v : 2 * v - 1);
    }

    /** The length in bits of ue(v), without writing it. */
    static int ueLength(int v) {
        return 2 * (64 - Long.numberOfLeadingZeros(v + 1L)) - 1;
    }

    /** Appends zero bits up to the next byte boundary. */
    void alignZero() {
        u((int) ((8 - (bits & 7)) & 7), 0);
    }

    /** Appends H.264's rbsp_trailing_bits: a one, then zeros to the byte boundary. */
    void trailing() {
        u(1, 1);
        alignZero();
    }

    /** Appends whole bytes; the string must be at a byte boundary. */
    void bytes(byte[] src, int off, int n) {
        if ((bits & 7) != 0) {
            throw new IllegalStateException("bytes appended off a byte boundary");
        }
        bits += 8L * n;
        if (counting) {
            return;
        }
        ensure(n);
        System.arraycopy(src, off, buf, len, n);
        len += n;
    }

    long bitCount() {
        return bits;
    }

    /** The length in whole bytes; the string must be at a byte boundary. */
    int byteCount() {
        if ((bits & 7) != 0) {
            throw new IllegalStateException("not at a byte boundary");
        }
        return Math.toIntExact(bits >>> 3);
    }

    /** The buffer holding the bytes written so far (of which the first {@link #byteCount()} count). */
    byte[] buffer() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, byteCount());
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
