package dev.kling4j.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The boxes of the emulator's MP4 files (ISO/IEC 14496-12 and -14, AVC in -15), written before the samples
 * so that a player can start at once: ftyp; moov with mvhd, a video trak (avc1 with avcC, colr and pasp;
 * stts, stss, stsc, stsz, stco) and, with sound, an audio trak (mp4a with esds); then mdat's header. mdat
 * holds the audio frames in one chunk, then the video samples in another, each sample one length-prefixed
 * NAL unit. Every box's size depends only on the counts, so the header is known before a frame is drawn.
 */
final class Mp4 {
    static final int MOVIE_TIMESCALE = 1000;
    /** A timescale with a whole number of ticks per millisecond and per frame: durations stay exact. */
    static final int VIDEO_TIMESCALE = 24_000;

    static final int FRAME_TICKS = VIDEO_TIMESCALE / H264.FPS;
    /** Bytes before each NAL unit in a sample: its length. */
    static final int NAL_LENGTH_BYTES = 4;

    private static final int MDAT_HEADER = 8;

    private Mp4() {}

    /** The number of frames for a duration: every started 1/24 s. */
    static int frames(long durationMillis) {
        return (int) ((durationMillis * H264.FPS + 999) / 1000);
    }

    /** The number of AAC frames that fit in a duration (the audio track never outlasts the video). */
    static int audioFrames(long durationMillis) {
        return (int) Math.max(1, durationMillis * Aac.SAMPLE_RATE / 1000 / Aac.FRAME_SAMPLES);
    }

    /**
     * The bytes before the samples.
     *
     * @param width display width
     * @param height display height
     * @param durationMillis the video's duration: {@code frames(durationMillis)} frames, the last one cut
     *     to end on the millisecond
     * @param videoSizes each video sample's size, length prefix included
     * @param sps the sequence parameter set NAL unit
     * @param pps the picture parameter set NAL unit
     * @param audioFrames AAC frames, 0 for no audio track
     * @return ftyp, moov and mdat's header
     */
    static byte[] header(
            int width, int height, long durationMillis, int[] videoSizes, byte[] sps, byte[] pps, int audioFrames) {
        long audioBytes = (long) audioFrames * Aac.frameBytes();
        byte[] ftyp = ftyp();
        long audioAt = headerLength(width, height, durationMillis, videoSizes, sps, pps, audioFrames);
        long videoAt = audioAt + audioBytes;
        long payload = audioBytes;
        for (int s : videoSizes) {
            payload += s;
        }
        if (videoAt + payload > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(
                    "an emulator video must stay under 4 GiB, this one would take " + (videoAt + payload) + " bytes");
        }
        byte[] moov = moov(width, height, durationMillis, videoSizes, sps, pps, audioFrames, audioAt, videoAt);
        byte[] mdat = ByteBuffer.allocate(MDAT_HEADER)
                .putInt((int) (MDAT_HEADER + payload))
                .put(ascii("mdat"))
                .array();
        return concat(ftyp, moov, mdat);
    }

    /** The length of {@link #header}'s result, from the same arguments (the offsets inside do not change it). */
    static int headerLength(
            int width, int height, long durationMillis, int[] videoSizes, byte[] sps, byte[] pps, int audioFrames) {
        return ftyp().length
                + moov(width, height, durationMillis, videoSizes, sps, pps, audioFrames, 0, 0).length
                + MDAT_HEADER;
    }

    private static byte[] ftyp() {
        return box("ftyp", ascii("isom"), u32(0x200), ascii("isom"), ascii("iso2"), ascii("avc1"), ascii("mp41"));
    }

    private static byte[] moov(
            int width,
            int height,
            long durationMillis,
            int[] videoSizes,
            byte[] sps,
            byte[] pps,
            int audioFrames,
            long audioAt,
            long videoAt) {
        int frames = videoSizes.length;
        long videoTicks = durationMillis * (VIDEO_TIMESCALE / MOVIE_TIMESCALE);
        int lastTicks = (int) (videoTicks - (long) (frames - 1) * FRAME_TICKS);
        byte[] stts = frames > 1 && lastTicks != FRAME_TICKS
                ? full("stts", 0, u32(2), u32(frames - 1), u32(FRAME_TICKS), u32(1), u32(lastTicks))
                : full("stts", 0, u32(1), u32(frames), u32(lastTicks));
        ByteBuffer sizes = ByteBuffer.allocate(8 + 4 * frames).putInt(0).putInt(frames);
        for (int s : videoSizes) {
            sizes.putInt(s);
        }
        byte[] avcC = box(
                "avcC",
                new byte[] {1, sps[1], sps[2], sps[3], (byte) 0xFF, (byte) 0xE1},
                u16(sps.length),
                sps,
                new byte[] {1},
                u16(pps.length),
                pps);
        byte[] colr = box("colr", ascii("nclx"), u16(6), u16(6), u16(6), new byte[] {0}); // BT.601, limited range
        byte[] pasp = box("pasp", u32(1), u32(1));
        byte[] compressor = new byte[32];
        byte[] name = ascii("kling4j testkit");
        compressor[0] = (byte) name.length;
        System.arraycopy(name, 0, compressor, 1, name.length);
        byte[] avc1 = box(
                "avc1",
                new byte[6],
                u16(1),
                new byte[16],
                u16(width),
                u16(height),
                u32(0x00480000),
                u32(0x00480000),
                u32(0),
                u16(1),
                compressor,
                u16(0x18),
                u16(0xFFFF),
                avcC,
                colr,
                pasp);
        byte[] videoStbl = box(
                "stbl",
                full("stsd", 0, u32(1), avc1),
                stts,
                full("stss", 0, u32(1), u32(1)),
                full("stsc", 0, u32(1), u32(1), u32(frames), u32(1)),
                full("stsz", 0, sizes.array()),
                full("stco", 0, u32(1), u32((int) videoAt)));
        byte[] videoTrak = box(
                "trak",
                tkhd(1, durationMillis, 0, width, height),
                box(
                        "mdia",
                        mdhd(VIDEO_TIMESCALE, videoTicks),
                        hdlr("vide", "VideoHandler"),
                        box("minf", full("vmhd", 1, new byte[8]), dinf(), videoStbl)));
        long movieMillis = durationMillis;
        byte[] audioTrak = new byte[0];
        if (audioFrames > 0) {
            long audioTicks = (long) audioFrames * Aac.FRAME_SAMPLES;
            long audioMillis = (audioTicks * MOVIE_TIMESCALE + Aac.SAMPLE_RATE - 1) / Aac.SAMPLE_RATE;
            movieMillis = Math.max(movieMillis, audioMillis);
            byte[] asc = Aac.audioSpecificConfig();
            int bitrate = Aac.frameBytes() * 8 * Aac.SAMPLE_RATE / Aac.FRAME_SAMPLES;
            byte[] decoderConfig = descriptor(
                    4, new byte[] {0x40, 0x15}, u24(Aac.frameBytes()), u32(bitrate), u32(bitrate), descriptor(5, asc));
            byte[] esds = full(
                    "esds", 0, descriptor(3, u16(0), new byte[] {0}, decoderConfig, descriptor(6, new byte[] {2})));
            byte[] mp4a = box(
                    "mp4a",
                    new byte[6],
                    u16(1),
                    new byte[8],
                    u16(1),
                    u16(16),
                    u16(0),
                    u16(0),
                    u32(Aac.SAMPLE_RATE << 16),
                    esds);
            byte[] audioStbl = box(
                    "stbl",
                    full("stsd", 0, u32(1), mp4a),
                    full("stts", 0, u32(1), u32(audioFrames), u32(Aac.FRAME_SAMPLES)),
                    full("stsc", 0, u32(1), u32(1), u32(audioFrames), u32(1)),
                    full("stsz", 0, u32(Aac.frameBytes()), u32(audioFrames)),
                    full("stco", 0, u32(1), u32((int) audioAt)));
            audioTrak = box(
                    "trak",
                    tkhd(2, audioMillis, 0x0100, 0, 0),
                    box(
                            "mdia",
                            mdhd(Aac.SAMPLE_RATE, audioTicks),
                            hdlr("soun", "SoundHandler"),
                            box("minf", full("smhd", 0, new byte[4]), dinf(), audioStbl)));
        }
        byte[] mvhd = full(
                "mvhd",
                0,
                u32(0),
                u32(0),
                u32(MOVIE_TIMESCALE),
                u32((int) movieMillis),
                u32(0x00010000),
                u16(0x0100),
                new byte[10],
                matrix(),
                new byte[24],
                u32(audioFrames > 0 ? 3 : 2));
        return box("moov", mvhd, videoTrak, audioTrak);
    }

    private static byte[] tkhd(int id, long millis, int volume, int width, int height) {
        return full(
                "tkhd",
                3,
                u32(0),
                u32(0),
                u32(id),
                u32(0),
                u32((int) millis),
                new byte[8],
                u16(0),
                u16(0),
                u16(volume),
                u16(0),
                matrix(),
                u32(width << 16),
                u32(height << 16));
    }

    private static byte[] mdhd(int timescale, long ticks) {
        return full("mdhd", 0, u32(0), u32(0), u32(timescale), u32((int) ticks), u16(0x55c4), u16(0)); // "und"
    }

    private static byte[] hdlr(String type, String name) {
        return full("hdlr", 0, u32(0), ascii(type), new byte[12], ascii(name + "\0"));
    }

    private static byte[] dinf() {
        return box("dinf", full("dref", 0, u32(1), full("url ", 1)));
    }

    private static byte[] matrix() {
        return concat(
                u32(0x00010000), u32(0), u32(0), u32(0), u32(0x00010000), u32(0), u32(0), u32(0), u32(0x40000000));
    }

    /** An MPEG-4 descriptor (14496-1) with a one-byte length: every one here is short. */
    private static byte[] descriptor(int tag, byte[]... parts) {
        byte[] payload = concat(parts);
        return concat(new byte[] {(byte) tag, (byte) payload.length}, payload);
    }

    private static byte[] full(String type, int flags, byte[]... parts) {
        return box(type, concat(parts.length == 0 ? new byte[][] {u32(flags)} : prepend(u32(flags), parts)));
    }

    private static byte[][] prepend(byte[] first, byte[][] rest) {
        byte[][] all = new byte[rest.length + 1][];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static byte[] box(String type, byte[]... children) {
        byte[] payload = concat(children);
        return ByteBuffer.allocate(8 + payload.length)
                .putInt(8 + payload.length)
                .put(ascii(type))
                .put(payload)
                .array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static byte[] u24(int v) {
        return new byte[] {(byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
