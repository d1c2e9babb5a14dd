package dev.kling4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the MP4 files the emulator writes, independently of the writer: boxes by walking them, each track's
 * header and sample tables (stts, stss, stsc, stsz, stco), checked to agree with each other, and each sample's
 * bytes.
 */
final class Mp4Reader {
    /** A box: its type and its payload's bounds in the file. */
    record Box(String type, int payload, int end) {}

    /** One track, its tables expanded per sample. */
    record Track(
            String handler,
            int id,
            long tkhdDuration,
            int tkhdWidth,
            int tkhdHeight,
            int timescale,
            long mdhdDuration,
            Box sampleEntry,
            long[] deltas,
            int[] sizes,
            long[] offsets,
            int[] syncSamples) {
        int samples() {
            return sizes.length;
        }

        long ticks() {
            return Arrays.stream(deltas).sum();
        }
    }

    final byte[] file;
    final ByteBuffer buf;
    final long movieTimescale;
    final long movieDuration;
    final List<Track> tracks = new ArrayList<>();
    final List<String> topLevel = new ArrayList<>();

    Mp4Reader(byte[] file) {
        this.file = file;
        this.buf = ByteBuffer.wrap(file);
        for (Box b : children(0, file.length)) {
            topLevel.add(b.type());
        }
        Box moov = only(0, file.length, "moov");
        Box mvhd = only(moov.payload(), moov.end(), "mvhd");
        assertThat(buf.get(mvhd.payload())).as("mvhd version").isZero();
        movieTimescale = u32(mvhd.payload() + 12);
        movieDuration = u32(mvhd.payload() + 16);
        for (Box trak : children(moov.payload(), moov.end())) {
            if (trak.type().equals("trak")) {
                tracks.add(track(trak));
            }
        }
    }

    Track video() {
        return tracks.stream()
                .filter(t -> t.handler().equals("vide"))
                .findFirst()
                .orElseThrow();
    }

    Optional<Track> audio() {
        return tracks.stream().filter(t -> t.handler().equals("soun")).findFirst();
    }

    byte[] sample(Track t, int i) {
        return Arrays.copyOfRange(file, (int) t.offsets()[i], (int) t.offsets()[i] + t.sizes()[i]);
    }

    /** The payload of a child box of a sample entry (e.g. avcC inside avc1), after the entry's fixed fields. */
    Box entryChild(Box entry, int fixedBytes, String type) {
        return only(entry.payload() + fixedBytes, entry.end(), type);
    }

    byte[] bytes(Box b) {
        return Arrays.copyOfRange(file, b.payload(), b.end());
    }

    private Track track(Box trak) {
        Box tkhd = only(trak.payload(), trak.end(), "tkhd");
        assertThat(buf.get(tkhd.payload())).as("tkhd version").isZero();
        int id = (int) u32(tkhd.payload() + 12);
        long tkhdDuration = u32(tkhd.payload() + 20);
        int w = (int) (u32(tkhd.end() - 8) >>> 16);
        int h = (int) (u32(tkhd.end() - 4) >>> 16);
        Box mdia = only(trak.payload(), trak.end(), "mdia");
        Box mdhd = only(mdia.payload(), mdia.end(), "mdhd");
        int timescale = (int) u32(mdhd.payload() + 12);
        long mdhdDuration = u32(mdhd.payload() + 16);
        Box hdlr = only(mdia.payload(), mdia.end(), "hdlr");
        String handler = new String(file, hdlr.payload() + 8, 4, StandardCharsets.US_ASCII);
        Box minf = only(mdia.payload(), mdia.end(), "minf");
        Box stbl = only(minf.payload(), minf.end(), "stbl");

        Box stsd = only(stbl.payload(), stbl.end(), "stsd");
        assertThat(u32(stsd.payload() + 4)).as("stsd entries").isEqualTo(1);
        Box entry = children(stsd.payload() + 8, stsd.end()).get(0);

        Box stts = only(stbl.payload(), stbl.end(), "stts");
        List<Long> deltas = new ArrayList<>();
        for (int i = 0, n = (int) u32(stts.payload() + 4); i < n; i++) {
            long count = u32(stts.payload() + 8 + 8 * i);
            long delta = u32(stts.payload() + 12 + 8 * i);
            for (long k = 0; k < count; k++) {
                deltas.add(delta);
            }
        }
        Box stsz = only(stbl.payload(), stbl.end(), "stsz");
        int fixed = (int) u32(stsz.payload() + 4);
        int count = (int) u32(stsz.payload() + 8);
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = fixed != 0 ? fixed : (int) u32(stsz.payload() + 12 + 4 * i);
        }
        Box stco = only(stbl.payload(), stbl.end(), "stco");
        long[] chunks = new long[(int) u32(stco.payload() + 4)];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = u32(stco.payload() + 8 + 4 * i);
        }
        Box stsc = only(stbl.payload(), stbl.end(), "stsc");
        int entries = (int) u32(stsc.payload() + 4);
        long[] offsets = new long[count];
        int sample = 0;
        for (int e = 0; e < entries; e++) {
            int first = (int) u32(stsc.payload() + 8 + 12 * e) - 1;
            int perChunk = (int) u32(stsc.payload() + 12 + 12 * e);
            int last = e + 1 < entries ? (int) u32(stsc.payload() + 8 + 12 * (e + 1)) - 1 : chunks.length;
            for (int c = first; c < last; c++) {
                long at = chunks[c];
                for (int k = 0; k < perChunk; k++, sample++) {
                    assertThat(sample)
                            .as("stsc places more samples than stsz lists")
                            .isLessThan(count);
                    offsets[sample] = at;
                    at += sizes[sample];
                }
            }
        }
        assertThat(sample).as("samples placed by stsc/stco").isEqualTo(count);
        assertThat(deltas).as("stts counts every sample of stsz").hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(offsets[i] + sizes[i]).as("sample %d inside the file", i).isLessThanOrEqualTo(file.length);
        }
        int[] sync = null;
        Optional<Box> stss = children(stbl.payload(), stbl.end()).stream()
                .filter(b -> b.type().equals("stss"))
                .findFirst();
        if (stss.isPresent()) {
            sync = new int[(int) u32(stss.get().payload() + 4)];
            for (int i = 0; i < sync.length; i++) {
                sync[i] = (int) u32(stss.get().payload() + 8 + 4 * i);
                assertThat(sync[i]).as("stss entry").isBetween(1, count);
            }
        }
        return new Track(
                handler,
                id,
                tkhdDuration,
                w,
                h,
                timescale,
                mdhdDuration,
                entry,
                deltas.stream().mapToLong(Long::longValue).toArray(),
                sizes,
                offsets,
                sync);
    }

    List<Box> children(int from, int to) {
        List<Box> out = new ArrayList<>();
        for (int at = from; at + 8 <= to; ) {
            int size = (int) u32(at);
            assertThat(size).as("box size at %d", at).isGreaterThanOrEqualTo(8);
            assertThat(at + size).as("box at %d ends inside its parent", at).isLessThanOrEqualTo(to);
            out.add(new Box(new String(file, at + 4, 4, StandardCharsets.US_ASCII), at + 8, at + size));
            at += size;
        }
        return out;
    }

    Box only(int from, int to, String type) {
        List<Box> found =
                children(from, to).stream().filter(b -> b.type().equals(type)).toList();
        assertThat(found).as("exactly one %s box", type).hasSize(1);
        return found.get(0);
    }

    long u32(int at) {
        return Integer.toUnsignedLong(buf.getInt(at));
    }
}
