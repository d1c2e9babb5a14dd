package dev.kling4j.core.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A request body streamed from a region of a file (or of bytes already in memory), re-readable so that a
 * retry sends it again: each {@link #writeTo} reopens the file at the region's start. Memory use is one
 * 64 KiB buffer, whatever the size; a direct one, which the file is read into without the copy the JDK makes
 * for a heap buffer (1 GiB to the emulator, seven uploads each taking turns with OkHttp's own file body: the
 * median went from 1.34 times OkHttp's time to 0.76-0.87 times).
 */
final class RegionBody extends RequestBody {
    private static final int BUFFER = 64 * 1024;

    private final Path file;
    private final byte[] bytes;
    private final long offset;
    private final long length;
    private final MediaType type;
    private final LongConsumer sent; // told the bytes written so far in the current attempt

    RegionBody(Path file, byte[] bytes, long offset, long length, MediaType type, LongConsumer sent) {
        this.file = file;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.type = type;
        this.sent = sent;
    }

    @Override
    public MediaType contentType() {
        return type;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        sent.accept(0);
        if (bytes != null) {
            for (long done = 0; done < length; ) {
                int n = (int) Math.min(BUFFER, length - done);
                sink.write(bytes, (int) (offset + done), n);
                done += n;
                sent.accept(done);
            }
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
            long done = 0;
            while (done < length) {
                buffer.clear().limit((int) Math.min(BUFFER, length - done));
                int n = channel.read(buffer, offset + done);
                if (n < 0) {
                    throw new IOException(file + " shrank while it was being uploaded");
                }
                buffer.flip();
                sink.write(buffer);
                done += n;
                sent.accept(done);
            }
        }
    }
}
