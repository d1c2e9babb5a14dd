package dev.kling4j.core.media;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positioned reads over a file or a byte array, so headers are read without reading whole files. */
abstract class ByteSource {

    abstract long size();

    /** Reads exactly {@code len} bytes at {@code pos}; fails with {@link EOFException} past the end. */
    abstract void read(long pos, byte[] dst, int len) throws IOException;

    final byte[] read(long pos, int len) throws IOException {
        byte[] b = new byte[len];
        read(pos, b, len);
        return b;
    }

    final int u8(long pos) throws IOException {
        return read(pos, 1)[0] & 0xff;
    }

    final int u16be(long pos) throws IOException {
        byte[] b = read(pos, 2);
        return (b[0] & 0xff) << 8 | (b[1] & 0xff);
    }

    final int u16le(long pos) throws IOException {
        byte[] b = read(pos, 2);
        return (b[1] & 0xff) << 8 | (b[0] & 0xff);
    }

    final int u24le(long pos) throws IOException {
        byte[] b = read(pos, 3);
        return (b[2] & 0xff) << 16 | (b[1] & 0xff) << 8 | (b[0] & 0xff);
    }

    final long u32be(long pos) throws IOException {
        return ByteBuffer.wrap(read(pos, 4)).getInt() & 0xffffffffL;
    }

    final long u32le(long pos) throws IOException {
        byte[] b = read(pos, 4);
        return ((b[3] & 0xffL) << 24) | ((b[2] & 0xffL) << 16) | ((b[1] & 0xffL) << 8) | (b[0] & 0xffL);
    }

    final long u64be(long pos) throws IOException {
        return ByteBuffer.wrap(read(pos, 8)).getLong();
    }

    final String ascii(long pos, int len) throws IOException {
        return new String(read(pos, len), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static ByteSource of(FileChannel channel) throws IOException {
        long size = channel.size();
        return new ByteSource() {
            @Override
            long size() {
                return size;
            }

            @Override
            void read(long pos, byte[] dst, int len) throws IOException {
                if (pos < 0 || pos + len > size) {
                    throw new EOFException("read past the end at " + pos);
                }
                ByteBuffer buf = ByteBuffer.wrap(dst, 0, len);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, pos + buf.position()) < 0) {
                        throw new EOFException("read past the end at " + pos);
                    }
                }
            }
        };
    }

    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            long size() {
                return bytes.length;
            }

            @Override
            void read(long pos, byte[] dst, int len) throws IOException {
                if (pos < 0 || pos + len > bytes.length) {
                    throw new EOFException("read past the end at " + pos);
                }
                System.arraycopy(bytes, (int) pos, dst, 0, len);
            }
        };
    }
}
