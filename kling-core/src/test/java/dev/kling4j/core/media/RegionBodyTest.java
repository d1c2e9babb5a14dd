package dev.kling4j.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okio.Buffer;
import okio.BufferedSink;
import okio.ForwardingSink;
import okio.Okio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionBodyTest {
    private static final MediaType MP4 = MediaType.get("video/mp4");

    @TempDir
    Path dir;

    @Test
    void sendsTheSameRegionOfTheFileEachTimeItIsWritten() throws Exception {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        Path file = Files.write(dir.resolve("f.bin"), data);
        RegionBody body = new RegionBody(file, null, 300, 200, MP4, n -> {}, Duration.ofSeconds(30));

        Buffer first = new Buffer();
        body.writeTo(first);
        Buffer second = new Buffer();
        body.writeTo(second);

        assertThat(body.contentLength()).isEqualTo(200);
        assertThat(first.readByteArray()).isEqualTo(Arrays.copyOfRange(data, 300, 500));
        assertThat(second.readByteArray()).isEqualTo(Arrays.copyOfRange(data, 300, 500));
        assertThat(body.isOneShot()).isFalse();
    }

    @Test
    void streamsA1GibFileAllocatingAFewBuffersNotTheFile() throws Exception {
        long size = 1L << 30;
        Path file = dir.resolve("sparse.mp4");
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
            ch.write(ByteBuffer.wrap(new byte[] {42}), size - 1);
        }
        AtomicLong counted = new AtomicLong();
        BufferedSink sink = Okio.buffer(new ForwardingSink(Okio.blackhole()) {
            @Override
            public void write(Buffer source, long byteCount) throws java.io.IOException {
                counted.addAndGet(byteCount);
                super.write(source, byteCount);
            }
        });
        AtomicLong reported = new AtomicLong();
        RegionBody body = new RegionBody(file, null, 0, size, MP4, reported::set, Duration.ofSeconds(30));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        body.writeTo(sink);
        sink.flush();

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(counted).hasValue(size);
        assertThat(reported).hasValue(size);
        assertThat(allocated).as("bytes allocated to send 1 GiB").isLessThan(64L << 20);
    }
}
