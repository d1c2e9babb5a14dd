package dev.kling4j.core.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Builds small image and video files byte by byte, as the format specifications lay them out: whole files (each
 * image has its image data and end marker, each video a video track with frames), whose pixels are not meant
 * to decode.
 */
public final class MediaFiles {
    private MediaFiles() {}

    public static byte[] png(int width, int height) {
        byte[] ihdr = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put(new byte[] {8, 6, 0, 0, 0})
                .array();
        return concat(
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                pngChunk("IHDR", ihdr),
                pngChunk("IDAT", new byte[] {0x78, (byte) 0x9c, 0x63, 0, 0, 0, 1, 0, 1}),
                pngChunk("IEND"));
    }

    public static byte[] pngChunk(String type, byte[]... data) {
        byte[] body = concat(ascii(type), concat(data));
        CRC32 crc = new CRC32();
        crc.update(body);
        return concat(u32(body.length - 4), body, u32(crc.getValue()));
    }

    /** A GIF: the screen descriptor, one image of that size (a sub-block of LZW data), the trailer. */
    public static byte[] gif(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(13 + 10 + 1 + 4 + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("GIF89a")).putShort((short) width).putShort((short) height).put(new byte[] {0, 0, 0});
        b.put((byte) 0x2c)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) width)
                .putShort((short) height)
                .put((byte) 0);
        b.put((byte) 2).put(new byte[] {2, 0x44, 0x01, 0}); // LZW code size, one sub-block, the terminator
        b.put((byte) 0x3b);
        return b.array();
    }

    /**
     * A JPEG with an APP0 segment, a DQT segment, fill bytes, a baseline or progressive frame header, a scan
     * whose data holds a stuffed 0xFF and a restart marker, then the end-of-image marker.
     */
    public static byte[] jpeg(int width, int height, boolean progressive) {
        ByteBuffer b = ByteBuffer.allocate(2 + 18 + 69 + 1 + 19 + 14 + 8 + 2);
        b.put((byte) 0xff).put((byte) 0xd8);
        b.put((byte) 0xff)
                .put((byte) 0xe0)
                .putShort((short) 16)
                .put(ascii("JFIF"))
                .put(new byte[10]);
        b.put((byte) 0xff).put((byte) 0xdb).putShort((short) 67).put(new byte[65]);
        b.put((byte) 0xff); // a fill byte before the next marker
        b.put((byte) 0xff)
                .put((byte) (progressive ? 0xc2 : 0xc0))
                .putShort((short) 17)
                .put((byte) 8)
                .putShort((short) height)
                .putShort((short) width)
                .put((byte) 3)
                .put(new byte[9]);
        b.put((byte) 0xff).put((byte) 0xda).putShort((short) 12).put((byte) 3).put(new byte[9]);
        b.put(new byte[] {0x12, (byte) 0xff, 0x00, 0x34, (byte) 0xff, (byte) 0xd0, 0x56, 0x78}); // FF00, RST0
        b.put((byte) 0xff).put((byte) 0xd9);
        return b.array();
    }

    public static byte[] webpLossy(int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(new byte[] {0x10, 0x02, 0x00, (byte) 0x9d, 0x01, 0x2a})
                .putShort((short) width)
                .putShort((short) height);
        return riff("VP8 ", chunk.array());
    }

    public static byte[] webpLossless(int width, int height) {
        int bits = (width - 1) | (height - 1) << 14;
        ByteBuffer chunk = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put((byte) 0x2f).putInt(bits);
        return riff("VP8L", chunk.array());
    }

    /** An extended WebP: the VP8X canvas size, then a lossless image chunk (of an odd length, padded). */
    public static byte[] webpExtended(int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(new byte[4]);
        chunk.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) ((width - 1) >> 16));
        chunk.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) ((height - 1) >> 16));
        return riff("VP8X", chunk.array(), "VP8L", new byte[] {0x2f, 0, 0, 0, 0});
    }

    /** A RIFF/WEBP file of chunks given as fourcc, payload, fourcc, payload… */
    private static byte[] riff(Object... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("WEBP"));
        for (int i = 0; i < chunks.length; i += 2) {
            byte[] payload = (byte[]) chunks[i + 1];
            body.writeBytes(ascii((String) chunks[i]));
            body.writeBytes(le32(payload.length));
            body.writeBytes(payload);
            if (payload.length % 2 == 1) {
                body.write(0);
            }
        }
        return concat(ascii("RIFF"), le32(body.size()), body.toByteArray());
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    /** An AVIF: ftyp, then meta (a full box) holding iprp/ipco with a thumbnail's ispe before the image's. */
    public static byte[] avif(int width, int height) {
        byte[] thumb = fullBox("ispe", 0, u32(160), u32(90));
        byte[] ispe = fullBox("ispe", 0, u32(width), u32(height));
        byte[] meta = fullBox(
                "meta",
                0,
                fullBox("hdlr", 0, u32(0), ascii("pict"), new byte[13]),
                box("iprp", box("ipco", thumb, ispe)));
        return concat(box("ftyp", ascii("mif1"), u32(0), ascii("mif1"), ascii("avif")), meta);
    }

    /**
     * An MP4 or MOV: ftyp, then moov with mvhd and two tracks (audio first, lasting 10 s longer, then a 30 fps
     * video track lasting {@code units}), then an mdat.
     *
     * @param moovFirst whether moov comes before mdat (fast start) or after it
     */
    public static byte[] movie(
            String brand, long timescale, long units, int width, int height, boolean v1, boolean moovFirst) {
        byte[] moov = moov(timescale, units, width, height, v1, false);
        byte[] mdat = box("mdat", new byte[64]);
        byte[] ftyp = box("ftyp", ascii(brand), u32(0), ascii(brand));
        return moovFirst ? concat(ftyp, moov, mdat) : concat(ftyp, mdat, moov);
    }

    public static byte[] moov(long timescale, long units, int width, int height, boolean v1, boolean rotated) {
        return moov(timescale, units, width, height, v1, rotated, 30);
    }

    /** A moov whose video track has {@code fps} frames a second (the last frame takes what remains). */
    public static byte[] moov(
            long timescale, long units, int width, int height, boolean v1, boolean rotated, double fps) {
        long audioUnits = units + timescale * 10; // sound running past the picture: the container's length
        byte[] mvhd = v1
                ? fullBox("mvhd", 1, u64(0), u64(0), u32(timescale), u64(audioUnits), new byte[80])
                : fullBox("mvhd", 0, u32(0), u32(0), u32(timescale), u32(audioUnits), new byte[80]);
        byte[] audio = trak(
                1,
                0,
                0,
                "soun",
                false,
                timescale,
                audioUnits,
                v1,
                sampleTable("mp4a", 0, 0, timescale, audioUnits, 10));
        byte[] video = trak(
                2,
                width,
                height,
                "vide",
                rotated,
                timescale,
                units,
                v1,
                sampleTable("avc1", width, height, timescale, units, fps));
        return box("moov", mvhd, audio, video);
    }

    /**
     * A fragmented MP4 as ffmpeg's {@code empty_moov} writes it: a moov whose video track (1280x720) holds no
     * sample and whose {@code trex} gives each sample {@code frameTicks}, then {@code fragments} moof/mdat pairs
     * of {@code framesPerFragment} frames. Odd fragments give every frame's duration in their {@code trun}; even
     * ones leave it to the {@code trex} default.
     */
    public static byte[] fragmented(long timescale, int fragments, int framesPerFragment, long frameTicks) {
        byte[] mvhd = fullBox("mvhd", 0, u32(0), u32(0), u32(timescale), u32(0), new byte[80]);
        byte[] stbl = box(
                "stbl",
                fullBox("stsd", 0, u32(1), visualEntry("avc1", 1280, 720)),
                fullBox("stts", 0, u32(0)),
                fullBox("stsz", 0, u32(0), u32(0)));
        byte[] video = trak(1, 1280, 720, "vide", false, timescale, 0, false, stbl);
        byte[] trex = fullBox("trex", 0, u32(1), u32(1), u32(frameTicks), u32(0), u32(0));
        List<byte[]> parts = new ArrayList<>();
        parts.add(box("ftyp", ascii("iso6"), u32(0), ascii("iso6")));
        parts.add(box("moov", mvhd, video, box("mvex", trex)));
        for (int f = 0; f < fragments; f++) {
            boolean perSample = f % 2 == 1;
            ByteArrayOutputStream run = new ByteArrayOutputStream();
            run.writeBytes(u32(framesPerFragment));
            run.writeBytes(u32(0)); // data offset
            for (int i = 0; i < framesPerFragment && perSample; i++) {
                run.writeBytes(u32(frameTicks));
            }
            byte[] trun = fullBoxWithFlags("trun", perSample ? 0x101 : 0x001, run.toByteArray());
            byte[] tfhd = fullBoxWithFlags("tfhd", 0x020000, u32(1));
            byte[] tfdt = fullBox("tfdt", 1, u64((long) f * framesPerFragment * frameTicks));
            parts.add(box("moof", fullBox("mfhd", 0, u32(f + 1)), box("traf", tfhd, tfdt, trun)));
            parts.add(box("mdat", new byte[framesPerFragment]));
        }
        return concat(parts.toArray(new byte[0][]));
    }

    private static byte[] trak(
            long id,
            int width,
            int height,
            String handler,
            boolean rotated,
            long timescale,
            long units,
            boolean v1,
            byte[] stbl) {
        ByteBuffer matrix = ByteBuffer.allocate(36);
        if (rotated) {
            matrix.putInt(0)
                    .putInt(0x10000)
                    .putInt(0)
                    .putInt(-0x10000)
                    .putInt(0)
                    .putInt(0);
        } else {
            matrix.putInt(0x10000).putInt(0).putInt(0).putInt(0).putInt(0x10000).putInt(0);
        }
        matrix.putInt(0).putInt(0).putInt(0x40000000);
        byte[] tkhd = fullBoxWithFlags(
                "tkhd",
                1,
                u32(0),
                u32(0),
                u32(id),
                u32(0),
                u32(0),
                new byte[8],
                new byte[8],
                matrix.array(),
                u32((long) width << 16),
                u32((long) height << 16));
        byte[] hdlr = fullBox("hdlr", 0, u32(0), ascii(handler), new byte[13]);
        byte[] mdhd = v1
                ? fullBox("mdhd", 1, u64(0), u64(0), u32(timescale), u64(units), u32(0))
                : fullBox("mdhd", 0, u32(0), u32(0), u32(timescale), u32(units), u32(0));
        return box("trak", tkhd, box("mdia", mdhd, hdlr, box("minf", stbl)));
    }

    /** A sample table of {@code rate} frames a second over {@code units}, the last frame taking what remains. */
    private static byte[] sampleTable(String codec, int width, int height, long timescale, long units, double rate) {
        long frames = Math.max(1, Math.round(units * rate / timescale));
        long delta = units / frames;
        byte[] stts =
                fullBox("stts", 0, u32(2), u32(frames - 1), u32(delta), u32(1), u32(units - delta * (frames - 1)));
        byte[] stsd = fullBox("stsd", 0, u32(1), visualEntry(codec, width, height));
        return box("stbl", stsd, stts, fullBox("stsz", 0, u32(100), u32(frames)));
    }

    /** A visual sample entry: reserved bytes, the data reference index, pre-defined fields, the coded size. */
    private static byte[] visualEntry(String codec, int width, int height) {
        ByteBuffer entry = ByteBuffer.allocate(78);
        entry.put(new byte[6])
                .putShort((short) 1)
                .put(new byte[16])
                .putShort((short) width)
                .putShort((short) height);
        return box(codec, entry.array());
    }

    /**
     * Makes a named pipe with the system's {@code mkfifo}.
     *
     * @return false where there is no {@code mkfifo} (the caller then skips its test)
     */
    public static boolean mkfifo(Path path) {
        try {
            return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0 && Files.exists(path);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static byte[] box(String type, byte[]... payload) {
        byte[] body = concat(payload);
        return concat(u32(8 + body.length), ascii(type), body);
    }

    public static byte[] fullBox(String type, int version, byte[]... payload) {
        return box(type, concat(new byte[] {(byte) version, 0, 0, 0}, concat(payload)));
    }

    /** A full box of version 0 with flags. */
    public static byte[] fullBoxWithFlags(String type, int flags, byte[]... payload) {
        return box(type, concat(u32(flags & 0xffffff), concat(payload)));
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
