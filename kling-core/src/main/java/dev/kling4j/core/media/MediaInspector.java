package dev.kling4j.core.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an image's or a video's format and size from its header, without ffmpeg and without reading the
 * whole file.
 *
 * <p>Images: PNG ({@code IHDR}), JPEG (the {@code SOF} marker), GIF (the screen descriptor), WebP
 * ({@code VP8}, {@code VP8L}, {@code VP8X}) and AVIF (the {@code ispe} property). Videos: MP4 and MOV, from
 * {@code moov/mvhd} (timescale and duration) and the video track's {@code tkhd} (width and height); boxes
 * are walked by seeking, so a {@code moov} after a large {@code mdat} and 64-bit box sizes cost a few small
 * reads. The JPEG EXIF orientation is not applied (kling4j's size and aspect limits are the same either way).
 *
 * <pre>{@code
 * MediaInfo info = MediaInspector.inspect(Path.of("clip.mov")).orElseThrow();
 * info.duration(); // Optional[PT6S]
 * }</pre>
 */
public final class MediaInspector {
    private static final int JPEG_MAX_SEGMENTS = 1024; // a guard against looping on corrupt files

    private MediaInspector() {}

    /**
     * Reads a local file's header.
     *
     * @param file the file
     * @return what the header says, or empty when it is not one of the {@link MediaFormat}s
     * @throws UncheckedIOException when the file cannot be opened or read
     */
    public static Optional<MediaInfo> inspect(Path file) {
        Objects.requireNonNull(file, "file");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return inspect(ByteSource.of(channel));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Reads the header of bytes in memory.
     *
     * @param bytes the file's content
     * @return what the header says, or empty when it is not one of the {@link MediaFormat}s
     */
    public static Optional<MediaInfo> inspect(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        try {
            return inspect(ByteSource.of(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // positioned reads of an array only fail as EOF, caught below
        }
    }

    private static Optional<MediaInfo> inspect(ByteSource in) throws IOException {
        MediaFormat format = sniff(in);
        if (format == null) {
            return Optional.empty();
        }
        try {
            switch (format) {
                case PNG:
                    return Optional.of(new MediaInfo(format, (int) in.u32be(16), (int) in.u32be(20), null));
                case GIF:
                    return Optional.of(new MediaInfo(format, in.u16le(6), in.u16le(8), null));
                case JPEG:
                    return Optional.of(jpeg(in));
                case WEBP:
                    return Optional.of(webp(in));
                case AVIF:
                    return Optional.of(avif(in));
                default:
                    return Optional.of(movie(in, format));
            }
        } catch (java.io.EOFException e) {
            return Optional.of(new MediaInfo(format, 0, 0, null)); // truncated header: the format, no size
        }
    }

    private static MediaFormat sniff(ByteSource in) throws IOException {
        long size = in.size();
        if (size < 12) {
            return null;
        }
        byte[] head = in.read(0, 12);
        String ascii = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if ((head[0] & 0xff) == 0x89 && ascii.startsWith("PNG", 1)) {
            return MediaFormat.PNG;
        }
        if ((head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return MediaFormat.JPEG;
        }
        if (ascii.startsWith("GIF87a") || ascii.startsWith("GIF89a")) {
            return MediaFormat.GIF;
        }
        if (ascii.startsWith("RIFF") && ascii.startsWith("WEBP", 8)) {
            return MediaFormat.WEBP;
        }
        String type = ascii.substring(4, 8);
        if (type.equals("ftyp")) {
            return ftypFormat(in);
        }
        if (type.equals("moov") || type.equals("mdat") || type.equals("wide") || type.equals("free")
                || type.equals("skip")) {
            return MediaFormat.MOV; // QuickTime files from before ftyp existed
        }
        return null;
    }

    private static MediaFormat ftypFormat(ByteSource in) throws IOException {
        long boxSize = Math.min(in.u32be(0), Math.min(in.size(), 4096));
        String major = in.ascii(8, 4);
        boolean avif = major.equals("avif") || major.equals("avis");
        for (long p = 16; p + 4 <= boxSize && !avif; p += 4) {
            String brand = in.ascii(p, 4);
            avif = brand.equals("avif") || brand.equals("avis");
        }
        if (avif) {
            return MediaFormat.AVIF;
        }
        if (major.equals("qt  ")) {
            return MediaFormat.MOV;
        }
        if (major.equals("mif1") || major.equals("msf1") || major.startsWith("hei") || major.startsWith("hev")) {
            return null; // HEIF images other than AVIF
        }
        return MediaFormat.MP4;
    }

    private static MediaInfo jpeg(ByteSource in) throws IOException {
        long p = 2;
        for (int i = 0; i < JPEG_MAX_SEGMENTS; i++) {
            if (in.u8(p) != 0xff) {
                break; // not at a marker: corrupt
            }
            while (in.u8(p + 1) == 0xff) {
                p++; // fill bytes
            }
            int marker = in.u8(p + 1);
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                p += 2; // markers without a length
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) {
                break; // end of image or start of scan before any frame header
            }
            int length = in.u16be(p + 2);
            boolean sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (sof) {
                return new MediaInfo(MediaFormat.JPEG, in.u16be(p + 7), in.u16be(p + 5), null);
            }
            p += 2 + length;
        }
        return new MediaInfo(MediaFormat.JPEG, 0, 0, null);
    }

    private static MediaInfo webp(ByteSource in) throws IOException {
        String chunk = in.ascii(12, 4);
        switch (chunk) {
            case "VP8 ":
                if (in.u8(23) == 0x9d && in.u8(24) == 0x01 && in.u8(25) == 0x2a) {
                    return new MediaInfo(MediaFormat.WEBP, in.u16le(26) & 0x3fff, in.u16le(28) & 0x3fff, null);
                }
                break;
            case "VP8L":
                if (in.u8(20) == 0x2f) {
                    long bits = in.u32le(21);
                    return new MediaInfo(MediaFormat.WEBP, (int) (bits & 0x3fff) + 1, (int) ((bits >> 14) & 0x3fff) + 1,
                            null);
                }
                break;
            case "VP8X":
                return new MediaInfo(MediaFormat.WEBP, in.u24le(24) + 1, in.u24le(27) + 1, null);
            default:
                break;
        }
        return new MediaInfo(MediaFormat.WEBP, 0, 0, null);
    }

    private static MediaInfo avif(ByteSource in) throws IOException {
        Box meta = Box.find(in, 0, in.size(), "meta");
        // meta is a full box: 4 bytes of version and flags before its children
        Box iprp = meta == null ? null : Box.find(in, meta.payload + 4, meta.end, "iprp");
        Box ipco = iprp == null ? null : Box.find(in, iprp.payload, iprp.end, "ipco");
        int width = 0;
        int height = 0;
        if (ipco != null) {
            for (Box b = Box.at(in, ipco.payload, ipco.end); b != null; b = Box.at(in, b.end, ipco.end)) {
                if (b.type.equals("ispe")) {
                    int w = (int) in.u32be(b.payload + 4);
                    int h = (int) in.u32be(b.payload + 8);
                    if ((long) w * h > (long) width * height) { // the primary image is the largest
                        width = w;
                        height = h;
                    }
                }
            }
        }
        return new MediaInfo(MediaFormat.AVIF, width, height, null);
    }

    private static MediaInfo movie(ByteSource in, MediaFormat format) throws IOException {
        Box moov = Box.find(in, 0, in.size(), "moov");
        if (moov == null) {
            return new MediaInfo(format, 0, 0, null);
        }
        Duration duration = null;
        Box mvhd = Box.find(in, moov.payload, moov.end, "mvhd");
        if (mvhd != null) {
            boolean v1 = in.u8(mvhd.payload) == 1;
            long timescale = in.u32be(mvhd.payload + (v1 ? 20 : 12));
            long units = v1 ? in.u64be(mvhd.payload + 24) : in.u32be(mvhd.payload + 16);
            if (timescale > 0 && units > 0) {
                duration = Duration.ofSeconds(units / timescale, (units % timescale) * 1_000_000_000L / timescale);
            }
        }
        int[] size = null;
        for (Box trak = Box.find(in, moov.payload, moov.end, "trak"); trak != null;
                trak = Box.find(in, trak.end, moov.end, "trak")) {
            int[] trackSize = trackSize(in, trak);
            if (trackSize != null && isVideoTrack(in, trak)) {
                size = trackSize;
                break;
            }
            if (size == null && trackSize != null && trackSize[0] > 0 && trackSize[1] > 0) {
                size = trackSize; // no handler said "vide": the first track with a picture size
            }
        }
        return new MediaInfo(format, size == null ? 0 : size[0], size == null ? 0 : size[1], duration);
    }

    private static int[] trackSize(ByteSource in, Box trak) throws IOException {
        Box tkhd = Box.find(in, trak.payload, trak.end, "tkhd");
        if (tkhd == null) {
            return null;
        }
        boolean v1 = in.u8(tkhd.payload) == 1;
        long matrix = tkhd.payload + (v1 ? 52 : 40);
        int a = (int) in.u32be(matrix);
        int b = (int) in.u32be(matrix + 4);
        int width = (int) (in.u32be(matrix + 36) >>> 16); // 16.16 fixed point
        int height = (int) (in.u32be(matrix + 40) >>> 16);
        boolean quarterTurn = a == 0 && Math.abs(b) == 0x10000;
        return quarterTurn ? new int[] {height, width} : new int[] {width, height};
    }

    private static boolean isVideoTrack(ByteSource in, Box trak) throws IOException {
        Box mdia = Box.find(in, trak.payload, trak.end, "mdia");
        Box hdlr = mdia == null ? null : Box.find(in, mdia.payload, mdia.end, "hdlr");
        return hdlr != null && in.ascii(hdlr.payload + 8, 4).equals("vide");
    }

    /** An ISO base media box: its type, where its payload starts and where it ends. */
    private static final class Box {
        final String type;
        final long payload;
        final long end;

        private Box(String type, long payload, long end) {
            this.type = type;
            this.payload = payload;
            this.end = end;
        }

        /** The box at {@code pos}, or null when there is none or its header is corrupt. */
        static Box at(ByteSource in, long pos, long limit) throws IOException {
            if (pos + 8 > limit) {
                return null;
            }
            long size = in.u32be(pos);
            String type = in.ascii(pos + 4, 4);
            long header = 8;
            if (size == 1) {
                size = in.u64be(pos + 8); // 64-bit "largesize"
                header = 16;
            } else if (size == 0) {
                size = limit - pos; // extends to the end of its container
            }
            if (size < header || size > limit - pos) {
                return null;
            }
            return new Box(type, pos + header, pos + size);
        }

        /** The first box of a type among the siblings in {@code [from, limit)}, seeking over the others. */
        static Box find(ByteSource in, long from, long limit, String type) throws IOException {
            for (Box b = at(in, from, limit); b != null; b = at(in, b.end, limit)) {
                if (b.type.equals(type)) {
                    return b;
                }
            }
            return null;
        }
    }
}
