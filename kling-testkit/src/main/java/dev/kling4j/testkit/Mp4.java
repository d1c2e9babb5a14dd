package dev.kling4j.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes the small MP4 files of the emulator: ftyp, moov (mvhd, one video trak with tkhd, mdia, minf, a sample
 * table of 24 fps {@code avc1} frames) and mdat. Structurally valid ISO BMFF whose header gives duration, size
 * and frame rate; it holds no decodable frames.
 */
final class Mp4 {
    static final int TIMESCALE = 1000;
    static final int FPS = 24;

    private Mp4() {}

    /** What the header of an MP4 says. */

    static byte[] write(int width, int height, long durationMillis) {
        byte[] mvhd = full("mvhd", 0, 0, buf(96)
                .putInt(0).putInt(0).putInt(TIMESCALE).putInt((int) durationMillis)
                .putInt(0x00010000).putShort((short) 0x0100).put(new byte[10]).put(matrix())
                .put(new byte[24]).putInt(2));
        byte[] tkhd = full("tkhd", 0, 3, buf(80)
                .putInt(0).putInt(0).putInt(1).putInt(0).putInt((int) durationMillis).put(new byte[8])
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).put(matrix())
                .putInt(width << 16).putInt(height << 16));
        byte[] mdhd = full("mdhd", 0, 0, buf(20)
                .putInt(0).putInt(0).putInt(TIMESCALE).putInt((int) durationMillis)
                .putShort((short) 0x55c4).putShort((short) 0));
        byte[] name = "VideoHandler\0".getBytes(StandardCharsets.US_ASCII);
        byte[] hdlr = full("hdlr", 0, 0, buf(20 + name.length)
                .putInt(0).put("vide".getBytes(StandardCharsets.US_ASCII)).put(new byte[12]).put(name));
        byte[] vmhd = full("vmhd", 0, 1, buf(8));
        byte[] dref = full("dref", 0, 0, buf(4 + 12).putInt(1).put(full("url ", 0, 1, buf(0))));
        byte[] dinf = box("dinf", dref);
        // 24 frames a second; the last frame takes what the millisecond timescale leaves
        int frames = (int) Math.max(1, (durationMillis * FPS + TIMESCALE - 1) / TIMESCALE);
        int delta = (int) (durationMillis / frames);
        byte[] avc1 = box("avc1", buf(78).put(new byte[6]).putShort((short) 1).put(new byte[16])
                .putShort((short) width).putShort((short) height).putInt(0x00480000).putInt(0x00480000).putInt(0)
                .putShort((short) 1).put(new byte[32]).putShort((short) 0x18).putShort((short) -1).array());
        byte[] stbl = box("stbl",
                full("stsd", 0, 0, buf(4 + avc1.length).putInt(1).put(avc1)),
                full("stts", 0, 0, buf(20).putInt(2).putInt(frames - 1).putInt(delta)
                        .putInt(1).putInt((int) (durationMillis - (long) delta * (frames - 1)))),
                full("stsc", 0, 0, buf(4).putInt(0)),
                full("stsz", 0, 0, buf(8).putInt(0).putInt(frames)),
                full("stco", 0, 0, buf(4).putInt(0)));
        byte[] trak = box("trak", tkhd, box("mdia", mdhd, hdlr, box("minf", vmhd, dinf, stbl)));
        byte[] ftyp = box("ftyp", buf(16).put(ascii("isom")).putInt(512).put(ascii("isom")).put(ascii("mp41")).array());
        byte[] mdat = box("mdat", "kling4j testkit\n".getBytes(StandardCharsets.US_ASCII));
        return concat(ftyp, box("moov", mvhd, trak), mdat);
    }

    private static ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] matrix() {
        return buf(36).putInt(0x00010000).putInt(0).putInt(0).putInt(0).putInt(0x00010000).putInt(0)
                .putInt(0).putInt(0).putInt(0x40000000).array();
    }

    private static byte[] full(String type, int version, int flags, ByteBuffer payload) {
        byte[] p = payload.array();
        return box(type, buf(4 + p.length).putInt((version << 24) | flags).put(p).array());
    }

    private static byte[] box(String type, byte[]... children) {
        byte[] payload = concat(children);
        return buf(8 + payload.length).putInt(8 + payload.length).put(ascii(type)).put(payload).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
