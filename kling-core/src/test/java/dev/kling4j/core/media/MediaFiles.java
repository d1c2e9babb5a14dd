package dev.kling4j.core.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds the headers of small image and video files byte by byte, as the format specifications lay them out. */
public final class MediaFiles {
    private MediaFiles() {}

    public static byte[] png(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(33 + 12);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13).put(ascii("IHDR")).putInt(width).putInt(height).put(new byte[] {8, 6, 0, 0, 0}).putInt(0);
        b.putInt(0).put(ascii("IEND")).putInt(0xae426082);
        return b.array();
    }

    public static byte[] gif(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("GIF89a")).putShort((short) width).putShort((short) height).put(new byte[] {0, 0, 0, 0x3b});
        return b.array();
    }

    /** A JPEG with an APP0 segment, a DQT segment, fill bytes, then a baseline or progressive frame header. */
    public static byte[] jpeg(int width, int height, boolean progressive) {
        ByteBuffer b = ByteBuffer.allocate(2 + 18 + 69 + 1 + 19 + 2);
        b.put((byte) 0xff).put((byte) 0xd8);
        b.put((byte) 0xff).put((byte) 0xe0).putShort((short) 16).put(ascii("JFIF")).put(new byte[10]);
        b.put((byte) 0xff).put((byte) 0xdb).putShort((short) 67).put(new byte[65]);
        b.put((byte) 0xff); // a fill byte before the next marker
        b.put((byte) 0xff).put((byte) (progressive ? 0xc2 : 0xc0)).putShort((short) 17).put((byte) 8)
                .putShort((short) height).putShort((short) width).put((byte) 3).put(new byte[9]);
        b.put((byte) 0xff).put((byte) 0xd9);
        return b.array();
    }

    public static byte[] webpLossy(int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(new byte[] {0x10, 0x02, 0x00, (byte) 0x9d, 0x01, 0x2a}).putShort((short) width).putShort((short) height);
        return riff("VP8 ", chunk.array());
    }

    public static byte[] webpLossless(int width, int height) {
        int bits = (width - 1) | (height - 1) << 14;
        ByteBuffer chunk = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put((byte) 0x2f).putInt(bits);
        return riff("VP8L", chunk.array());
    }

    public static byte[] webpExtended(int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(new byte[4]);
        chunk.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) ((width - 1) >> 16));
        chunk.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) ((height - 1) >> 16));
        return riff("VP8X", chunk.array());
    }

    private static byte[] riff(String fourcc, byte[] chunk) {
        ByteBuffer b = ByteBuffer.allocate(20 + chunk.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(12 + chunk.length).put(ascii("WEBP")).put(ascii(fourcc)).putInt(chunk.length);
        b.put(chunk);
        return b.array();
    }

    /** An AVIF: ftyp, then meta (a full box) holding iprp/ipco with a thumbnail's ispe before the image's. */
    public static byte[] avif(int width, int height) {
        byte[] thumb = fullBox("ispe", 0, u32(160), u32(90));
        byte[] ispe = fullBox("ispe", 0, u32(width), u32(height));
        byte[] meta = fullBox("meta", 0, fullBox("hdlr", 0, u32(0), ascii("pict"), new byte[13]),
                box("iprp", box("ipco", thumb, ispe)));
        return concat(box("ftyp", ascii("mif1"), u32(0), ascii("mif1"), ascii("avif")), meta);
    }

    /**
     * An MP4 or MOV: ftyp, then moov with mvhd and two tracks (audio first, then video), then an mdat.
     *
     * @param moovFirst whether moov comes before mdat (fast start) or after it
     */
    public static byte[] movie(String brand, long timescale, long units, int width, int height, boolean v1, boolean moovFirst) {
        byte[] moov = moov(timescale, units, width, height, v1, false);
        byte[] mdat = box("mdat", new byte[64]);
        byte[] ftyp = box("ftyp", ascii(brand), u32(0), ascii(brand));
        return moovFirst ? concat(ftyp, moov, mdat) : concat(ftyp, mdat, moov);
    }

    public static byte[] moov(long timescale, long units, int width, int height, boolean v1, boolean rotated) {
        byte[] mvhd = v1
                ? fullBox("mvhd", 1, u64(0), u64(0), u32(timescale), u64(units), new byte[80])
                : fullBox("mvhd", 0, u32(0), u32(0), u32(timescale), u32(units), new byte[80]);
        byte[] audio = trak(0, 0, "soun", false);
        byte[] video = trak(width, height, "vide", rotated);
        return box("moov", mvhd, audio, video);
    }

    private static byte[] trak(int width, int height, String handler, boolean rotated) {
        ByteBuffer matrix = ByteBuffer.allocate(36);
        if (rotated) {
            matrix.putInt(0).putInt(0x10000).putInt(0).putInt(-0x10000).putInt(0).putInt(0);
        } else {
            matrix.putInt(0x10000).putInt(0).putInt(0).putInt(0).putInt(0x10000).putInt(0);
        }
        matrix.putInt(0).putInt(0).putInt(0x40000000);
        byte[] tkhd = fullBox("tkhd", 0, u32(0), u32(0), u32(1), u32(0), u32(0), new byte[8], new byte[8],
                matrix.array(), u32((long) width << 16), u32((long) height << 16));
        byte[] hdlr = fullBox("hdlr", 0, u32(0), ascii(handler), new byte[13]);
        return box("trak", tkhd, box("mdia", hdlr));
    }

    public static byte[] box(String type, byte[]... payload) {
        byte[] body = concat(payload);
        return concat(u32(8 + body.length), ascii(type), body);
    }

    public static byte[] fullBox(String type, int version, byte[]... payload) {
        return box(type, concat(new byte[] {(byte) version, 0, 0, 0}, concat(payload)));
    }

    public static byte[] u32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    public static byte[] u64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
