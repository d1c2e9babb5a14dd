package dev.kling4j.core.media;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Positioned reads over a file or a byte array, so headers are read without reading whole files.
 *
 * <p>Reads go through one window of the file: a walk over boxes, chunks or markers costs one read of the file
 * per window it touches, not one per field (a JPEG of megabytes of fill bytes was read a byte per call).
 */
abstract class ByteSource {
    /** Large enough for a run of small headers, small enough that a seek to a distant box reads little. */
    private static final int WINDOW = 16 * 1024;

    private byte[] window;
    private long windowStart;
    private int windowLength;

    /** A source whose window starts as {@code window[0, length)} at position {@code start}. */
    ByteSource(byte[] window, long start, int length) {
        this.window = window;
        this.windowStart = start;
        this.windowLength = length;
    }

    abstract long size();

    /** Reads {@code len} bytes at {@code pos} into {@code dst}, all of them, from the underlying file. */
    abstract void fill(long pos, byte[] dst, int len) throws IOException;

    /** Makes {@code [pos, pos + len)} readable in the window, {@code len} at most {@link #WINDOW}. */
    private int at(long pos, int len) throws IOException {
        if (pos < 0 || len > size() - pos) {
            throw new EOFException("read past the end at " + pos);
        }
        if (pos < windowStart || pos + len > windowStart + windowLength) {
            if (window.length < WINDOW) {
                window = new byte[WINDOW];
            }
            int n = (int) Math.min(WINDOW, size() - pos);
            fill(pos, window, n);
            windowStart = pos;
            windowLength = n;
        }
        return (int) (pos - windowStart);
    }

    final byte[] read(long pos, int len) throws IOException {
        byte[] b = new byte[len];
        if (len > WINDOW) {
            if (pos < 0 || len > size() - pos) {
                throw new EOFException("read past the end at " + pos);
            }
            fill(pos, b, len);
        } else {
            System.arraycopy(window, at(pos, len), b, 0, len);
        }
        return b;
    }

    final int u8(long pos) throws IOException {
        return window[at(pos, 1)] & 0xff;
    }

    final int u16be(long pos) throws IOException {
        int i = at(pos, 2);
        return (window[i] & 0xff) << 8 | (window[i + 1] & 0xff);
    }

    final int u16le(long pos) throws IOException {
        int i = at(pos, 2);
        return (window[i + 1] & 0xff) << 8 | (window[i] & 0xff);
    }

    final int u24le(long pos) throws IOException {
        int i = at(pos, 3);
        return (window[i + 2] & 0xff) << 16 | (window[i + 1] & 0xff) << 8 | (window[i] & 0xff);
    }

    final long u32be(long pos) throws IOException {
        int i = at(pos, 4);
        return (window[i] & 0xffL) << 24
                | (window[i + 1] & 0xffL) << 16
                | (window[i + 2] & 0xffL) << 8
                | (window[i + 3] & 0xffL);
    }

    final long u32le(long pos) throws IOException {
        int i = at(pos, 4);
        return (window[i + 3] & 0xffL) << 24
                | (window[i + 2] & 0xffL) << 16
                | (window[i + 1] & 0xffL) << 8
                | (window[i] & 0xffL);
    }

    /** A 64-bit big-endian value; above {@link Long#MAX_VALUE} it reads negative, which callers refuse as corrupt. */
    final long u64be(long pos) throws IOException {
        return u32be(pos) << 32 | u32be(pos + 4);
    }

    final String ascii(long pos, int len) throws IOException {
        return new String(window, at(pos, len), len, StandardCharsets.ISO_8859_1);
    }

    /** Whether the four bytes at {@code pos} are {@code fourcc}; false past the end. */
    final boolean is(long pos, String fourcc) throws IOException {
        if (pos < 0 || pos > size() - 4) {
            return false;
        }
        int i = at(pos, 4);
        for (int k = 0; k < 4; k++) {
            if ((window[i + k] & 0xff) != fourcc.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The position of the first byte that is not {@code value} at or after {@code from}, or {@link #size()} when
     * every byte to the end is.
     */
    final long skip(long from, int value) throws IOException {
        long p = Math.max(0, from);
        while (p < size()) {
            int i = at(p, 1);
            int end = windowLength;
            while (i < end && (window[i] & 0xff) == value) {
                i++;
            }
            p = windowStart + i;
            if (i < end) {
                return p;
            }
        }
        return size();
    }

    /** The position of the first {@code value} at or after {@code from}, or -1 when there is none. */
    final long indexOf(int value, long from) throws IOException {
        long p = Math.max(0, from);
        while (p < size()) {
            int i = at(p, 1);
            int end = windowLength;
            while (i < end && (window[i] & 0xff) != value) {
                i++;
            }
            p = windowStart + i;
            if (i < end) {
                return p;
            }
        }
        return -1;
    }

    static ByteSource of(FileChannel channel) throws IOException {
        long size = channel.size();
        return new ByteSource(new byte[0], 0, 0) {
            @Override
            long size() {
                return size;
            }

            @Override
            void fill(long pos, byte[] dst, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(dst, 0, len);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, pos + buf.position()) < 0) {
                        throw new EOFException("the file ended at " + (pos + buf.position()) + " while being read");
                    }
                }
            }
        };
    }

    static ByteSource of(byte[] bytes) {
        return new ByteSource(bytes, 0, bytes.length) { // the whole array is the window: no copy
            @Override
            long size() {
                return bytes.length;
            }

            @Override
            void fill(long pos, byte[] dst, int len) {
                System.arraycopy(bytes, (int) pos, dst, 0, len);
            }
        };
    }
}
