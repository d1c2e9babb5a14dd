package dev.kling4j.core.media;

import dev.kling4j.core.media.MediaInfo.Defect;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an image's or a video's format, size and (for a video) length, frame rate and codec from its structure,
 * without ffmpeg and without reading the media data; and tells a file that cannot be complete.
 *
 * <p>Images: PNG ({@code IHDR}, then every chunk header to {@code IEND}), JPEG (every marker segment, the frame
 * header for the size, the scans skipped to the end-of-image marker), GIF (every block to the trailer), WebP
 * (the {@code RIFF} chunks: {@code VP8}, {@code VP8L}, {@code VP8X}) and AVIF (the {@code ispe} property).
 *
 * <p>Videos, MP4 and MOV: the top-level boxes must all lie within the file (else it was cut short), the
 * {@code moov} must be there and hold a video track ({@code hdlr} {@code vide}). From that track: its sample
 * entry's four-character code (the codec), its {@code tkhd} size turned by its matrix, and its frames and
 * their durations ({@code stts} over the {@code mdhd} timescale) plus, in a fragmented file, those of every
 * {@code moof}'s {@code traf} for the track ({@code trun} sample durations, else the {@code tfhd} or
 * {@code trex} default). The length is the video track's, not the container's: sound running past the
 * picture does not count. {@code mvhd}, {@code mehd} and {@code mfra} durations are not used: the first covers
 * every track and only the first fragment of a fragmented file, the others are optional summaries of the
 * fragments, which are read themselves. Edit lists are not applied: the length is that of the frames stored.
 *
 * <p>Boxes are walked by seeking, through one small buffer, so a {@code moov} after a large {@code mdat},
 * 64-bit box sizes and hundreds of fragments cost a few small reads. Corrupt input never throws: it reads as a
 * {@linkplain MediaInfo#defect() defect}. The JPEG EXIF orientation is not applied (kling4j's size and aspect
 * limits are the same either way).
 *
 * <pre>{@code
 * MediaInfo info = MediaInspector.inspect(Path.of("clip.mov")).orElseThrow();
 * info.duration();  // Optional[PT6S]
 * info.frameRate(); // OptionalDouble[29.97002997002997]
 * info.codec();     // Optional[hvc1]
 * }</pre>
 */
public final class MediaInspector {
    /** Far more than any real file (a 15 s clip fragmented at every frame of 60 fps has 1,800). */
    private static final int MAX_TOP_LEVEL_BOXES = 100_000;
    /** A length no real video has (ten years): beyond it the tables are corrupt, and sums could overflow. */
    private static final long MAX_SECONDS = 10L * 366 * 24 * 3600;

    private static final String RE_EXPORT = "pass the whole file: copy, download or export it again";

    private MediaInspector() {}

    /**
     * Reads a local file's header. Only a regular file is opened: a directory, a pipe (FIFO) or a device is
     * refused before anything is read, so nothing blocks on it.
     *
     * @param file the file
     * @return what the header says, or empty when it is not one of the {@link MediaFormat}s
     * @throws UncheckedIOException when the file is not a regular file, or cannot be opened or read
     */
    public static Optional<MediaInfo> inspect(Path file) {
        Objects.requireNonNull(file, "file");
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!attributes.isRegularFile()) {
            throw new UncheckedIOException(
                    "cannot read " + file,
                    new IOException(file + " is not a regular file (a directory, pipe or device)"));
        }
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
            throw new UncheckedIOException(e); // reads of an array only fail past its end, caught below
        }
    }

    static Optional<MediaInfo> inspect(ByteSource in) throws IOException {
        MediaFormat format = sniff(in);
        if (format == null) {
            return Optional.empty();
        }
        try {
            switch (format) {
                case PNG:
                    return Optional.of(png(in));
                case GIF:
                    return Optional.of(gif(in));
                case JPEG:
                    return Optional.of(jpeg(in));
                case WEBP:
                    return Optional.of(webp(in));
                case AVIF:
                    return Optional.of(avif(in));
                default:
                    return Optional.of(movie(in, format));
            }
        } catch (EOFException e) {
            return Optional.of(MediaInfo.defective(format, cut("it ends inside its " + format + " structure")));
        }
    }

    private static MediaFormat sniff(ByteSource in) throws IOException {
        long size = in.size();
        if (size < 12) {
            return null;
        }
        if (in.is(0, "\u0089PNG")) {
            return MediaFormat.PNG;
        }
        if (in.u8(0) == 0xff && in.u8(1) == 0xd8 && in.u8(2) == 0xff) {
            return MediaFormat.JPEG;
        }
        if (in.is(0, "GIF8") && (in.is(2, "F87a") || in.is(2, "F89a"))) {
            return MediaFormat.GIF;
        }
        if (in.is(0, "RIFF") && in.is(8, "WEBP")) {
            return MediaFormat.WEBP;
        }
        if (in.is(4, "ftyp")) {
            return ftypFormat(in);
        }
        for (String type : new String[] {"moov", "mdat", "wide", "free", "skip"}) {
            if (in.is(4, type)) {
                return MediaFormat.MOV; // QuickTime files from before ftyp existed
            }
        }
        for (String type : new String[] {"styp", "sidx", "moof"}) {
            if (in.is(4, type)) {
                return MediaFormat.MP4; // a stream's media segment: read, then refused for its missing moov
            }
        }
        return null;
    }

    private static MediaFormat ftypFormat(ByteSource in) throws IOException {
        long boxSize = Math.min(in.u32be(0), Math.min(in.size(), 4096));
        String major = in.ascii(8, 4);
        boolean avif = major.equals("avif") || major.equals("avis");
        for (long p = 16; p + 4 <= boxSize && !avif; p += 4) {
            avif = in.is(p, "avif") || in.is(p, "avis");
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

    // ---- images -------------------------------------------------------------------------------------------

    private static MediaInfo png(ByteSource in) throws IOException {
        if (!in.is(4, "\r\n\u001a\n")) {
            return MediaInfo.defective(MediaFormat.PNG, damaged("its PNG signature is altered (was it sent as text?)"));
        }
        long p = 8;
        boolean cgbi = in.is(p + 4, "CgBI");
        if (cgbi) {
            p += 12 + in.u32be(p); // Apple's chunk before IHDR; the image is read, then refused
        }
        if (!in.is(p + 4, "IHDR")) {
            if (p + 8 > in.size()) {
                throw new EOFException();
            }
            return MediaInfo.defective(MediaFormat.PNG, damaged("it does not start with an IHDR chunk"));
        }
        long width = in.u32be(p + 8);
        long height = in.u32be(p + 12);
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            return MediaInfo.defective(MediaFormat.PNG, damaged("its IHDR gives an impossible size"));
        }
        MediaInfo info = MediaInfo.image(MediaFormat.PNG, (int) width, (int) height);
        if (cgbi) {
            return info.withDefect(new Defect(
                    "is an Apple-optimised (CgBI) PNG, which standard PNG decoders cannot" + " read",
                    "convert it to a standard PNG, e.g. xcrun pngcrush -revert-iphone-optimizations"
                            + " in.png out.png, or export it again from the app that made it"));
        }
        boolean data = false;
        while (true) {
            if (p + 12 > in.size()) {
                return info.withDefect(cut("it ends inside its chunks, before IEND"));
            }
            long length = in.u32be(p);
            if (length > Integer.MAX_VALUE) {
                return info.withDefect(damaged("a chunk at byte " + p + " has an impossible length"));
            }
            if (length > in.size() - p - 12) {
                return info.withDefect(cut("it ends inside a chunk, before IEND"));
            }
            data |= in.is(p + 4, "IDAT");
            if (in.is(p + 4, "IEND")) {
                break;
            }
            p += 12 + length;
        }
        return data ? info : info.withDefect(damaged("it has no image data (IDAT chunk)"));
    }

    private static MediaInfo gif(ByteSource in) throws IOException {
        try {
            return gifBlocks(in);
        } catch (EOFException e) {
            return MediaInfo.defective(MediaFormat.GIF, cut("it ends before its trailer"));
        }
    }

    private static MediaInfo gifBlocks(ByteSource in) throws IOException {
        MediaInfo info = MediaInfo.image(MediaFormat.GIF, in.u16le(6), in.u16le(8));
        long p = 13 + colourTable(in.u8(10));
        int frames = 0;
        while (true) {
            if (p >= in.size()) {
                throw new EOFException();
            }
            int block = in.u8(p);
            if (block == 0x3b) {
                break; // the trailer
            } else if (block == 0x2c) {
                p += 10 + colourTable(in.u8(p + 9)) + 1; // image descriptor, local table, LZW code size
                p = subBlocks(in, p);
                frames++;
            } else if (block == 0x21) {
                p = subBlocks(in, p + 2);
            } else {
                return info.withDefect(damaged("an unknown block at byte " + p));
            }
        }
        if (!info.hasSize() || frames == 0) {
            return info.withDefect(damaged(frames == 0 ? "it has no image" : "its screen descriptor gives no size"));
        }
        return info;
    }

    private static int colourTable(int flags) {
        return (flags & 0x80) == 0 ? 0 : 3 << ((flags & 7) + 1);
    }

    private static long subBlocks(ByteSource in, long p) throws IOException {
        for (int n = in.u8(p); n != 0; n = in.u8(p)) {
            p += 1 + n;
        }
        return p + 1;
    }

    private static MediaInfo jpeg(ByteSource in) throws IOException {
        boolean[] frameSeen = {false};
        try {
            return jpegSegments(in, frameSeen);
        } catch (EOFException e) {
            return MediaInfo.defective(
                    MediaFormat.JPEG,
                    cut(frameSeen[0] ? "it ends before its end-of-image marker" : "it ends before its frame header"));
        }
    }

    private static MediaInfo jpegSegments(ByteSource in, boolean[] frameSeen) throws IOException {
        long p = 2;
        int width = 0;
        int height = 0;
        boolean frame = false;
        boolean scan = false;
        while (true) {
            if (in.u8(p) != 0xff) {
                return MediaInfo.defective(MediaFormat.JPEG, damaged("no marker where one belongs, at byte " + p));
            }
            long m = in.skip(p, 0xff); // a marker may follow any number of fill bytes
            int marker = in.u8(m); // past the end: cut short
            p = m + 1;
            if (marker == 0xd9) {
                break; // end of image; whatever follows (a motion photo's video) is not read
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                continue; // no length
            }
            if (marker == 0x00 || marker == 0xd8) {
                return MediaInfo.defective(MediaFormat.JPEG, damaged("a stray marker at byte " + m));
            }
            int length = in.u16be(p);
            if (length < 2) {
                return MediaInfo.defective(MediaFormat.JPEG, damaged("a segment at byte " + m + " has no length"));
            }
            boolean sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (sof && !frame) {
                height = in.u16be(p + 3);
                width = in.u16be(p + 5);
                frame = true;
                frameSeen[0] = true;
            }
            p += length;
            if (marker == 0xda) {
                if (!frame) {
                    return MediaInfo.defective(MediaFormat.JPEG, damaged("image data comes before its frame header"));
                }
                scan = true;
                p = afterEntropyData(in, p);
            }
        }
        if (!frame || width == 0 || height == 0) {
            return MediaInfo.defective(
                    MediaFormat.JPEG,
                    damaged(frame ? "its frame header gives no size" : "it has no frame header (SOF)"));
        }
        MediaInfo info = MediaInfo.image(MediaFormat.JPEG, width, height);
        return scan ? info : info.withDefect(damaged("it has no image data (no scan)"));
    }

    /** The position of the marker ending a scan's entropy-coded data (stuffed zeros and restarts skipped). */
    private static long afterEntropyData(ByteSource in, long p) throws IOException {
        while (true) {
            long ff = in.indexOf(0xff, p);
            if (ff < 0) {
                throw new EOFException();
            }
            long next = in.skip(ff, 0xff);
            int b = in.u8(next);
            if (b == 0x00 || (b >= 0xd0 && b <= 0xd7)) {
                p = next + 1;
            } else {
                return next - 1;
            }
        }
    }

    private static MediaInfo webp(ByteSource in) throws IOException {
        long end = 8 + in.u32le(4);
        if (end > in.size()) {
            return MediaInfo.defective(
                    MediaFormat.WEBP,
                    cut("its RIFF header counts " + (end - in.size()) + " bytes more than the file holds"));
        }
        boolean image = false;
        for (long p = 12; p < end; ) {
            if (p + 8 > end) {
                return MediaInfo.defective(MediaFormat.WEBP, damaged("a chunk header runs past the RIFF data"));
            }
            long length = in.u32le(p + 4);
            image |= in.is(p, "VP8 ") || in.is(p, "VP8L") || in.is(p, "ANMF");
            long next = p + 8 + length + (length & 1);
            if (next > end && p + 8 + length != end) { // a missing pad byte at the very end is tolerated
                return MediaInfo.defective(
                        MediaFormat.WEBP, damaged("a chunk at byte " + p + " runs past the RIFF data"));
            }
            p = next;
        }
        int width = 0;
        int height = 0;
        if (in.is(12, "VP8 ") && in.u8(23) == 0x9d && in.u8(24) == 0x01 && in.u8(25) == 0x2a) {
            width = in.u16le(26) & 0x3fff;
            height = in.u16le(28) & 0x3fff;
        } else if (in.is(12, "VP8L") && in.u8(20) == 0x2f) {
            long bits = in.u32le(21);
            width = (int) (bits & 0x3fff) + 1;
            height = (int) ((bits >> 14) & 0x3fff) + 1;
        } else if (in.is(12, "VP8X")) {
            width = in.u24le(24) + 1;
            height = in.u24le(27) + 1;
        }
        if (width == 0 || height == 0 || !image) {
            return MediaInfo.defective(
                    MediaFormat.WEBP, damaged(image ? "its header gives no size" : "it has no image data"));
        }
        return MediaInfo.image(MediaFormat.WEBP, width, height);
    }

    private static MediaInfo avif(ByteSource in) throws IOException {
        List<Box> top = new ArrayList<>();
        Defect walk = topLevel(in, top);
        if (walk != null) {
            return MediaInfo.defective(MediaFormat.AVIF, walk);
        }
        Box meta = first(top, "meta");
        // meta is a full box: 4 bytes of version and flags before its children
        Box iprp = meta == null ? null : Box.find(in, meta.payload + 4, meta.end, "iprp");
        Box ipco = iprp == null ? null : Box.find(in, iprp.payload, iprp.end, "ipco");
        long width = 0;
        long height = 0;
        if (ipco != null) {
            for (Box b = Box.at(in, ipco.payload, ipco.end); b != null; b = Box.at(in, b.end, ipco.end)) {
                if (b.type.equals("ispe")) {
                    long w = in.u32be(b.payload + 4);
                    long h = in.u32be(b.payload + 8);
                    if (w <= Integer.MAX_VALUE && h <= Integer.MAX_VALUE && w * h > width * height) {
                        width = w; // the primary image is the largest
                        height = h;
                    }
                }
            }
        }
        if (width == 0 || height == 0) {
            return MediaInfo.defective(MediaFormat.AVIF, damaged("it gives no image size (no ispe property)"));
        }
        return MediaInfo.image(MediaFormat.AVIF, (int) width, (int) height);
    }

    // ---- videos -------------------------------------------------------------------------------------------

    private static MediaInfo movie(ByteSource in, MediaFormat format) throws IOException {
        List<Box> top = new ArrayList<>();
        Defect walk = topLevel(in, top);
        if (walk != null) {
            return MediaInfo.defective(format, walk);
        }
        Box moov = first(top, "moov");
        if (moov == null) {
            return MediaInfo.defective(
                    format,
                    new Defect(
                            "has no moov box, the index a player needs: the recording"
                                    + " or copy stopped before it was written, or this is a stream segment without its header",
                            "pass the finished file, or export it again from the app that recorded it"));
        }
        try {
            return movie(in, format, top, moov);
        } catch (Corrupt e) {
            return MediaInfo.defective(format, damaged(e.getMessage()));
        }
    }

    private static MediaInfo movie(ByteSource in, MediaFormat format, List<Box> top, Box moov) throws IOException {
        Track video = null;
        boolean sound = false;
        for (Box b = Box.find(in, moov.payload, moov.end, "trak");
                b != null;
                b = Box.find(in, b.end, moov.end, "trak")) {
            Track t = Track.read(in, b);
            sound |= "soun".equals(t.handler);
            if ("vide".equals(t.handler) && (video == null || (t.enabled && !video.enabled))) {
                video = t;
            }
        }
        if (video == null) {
            return MediaInfo.defective(
                    format,
                    new Defect(
                            "has no video track" + (sound ? ": it holds only sound" : ""),
                            "pass a file with a video track (a picture), not a sound recording"));
        }
        long defaultDuration = trexDefaultDuration(in, moov, video.id);
        for (Box moof : top) {
            if (moof.type.equals("moof")) {
                video.addFragments(in, moof, defaultDuration);
            }
        }
        if (video.frames == 0) {
            return MediaInfo.defective(
                    format,
                    new Defect(
                            "has no video frames: a header without its media, such as"
                                    + " a stream's init segment or a fragmented recording cut before its first fragment",
                            RE_EXPORT));
        }
        if (video.timescale == 0 || video.ticks == 0) {
            return MediaInfo.defective(format, damaged("its video track gives its frames no duration"));
        }
        if (video.width <= 0 || video.height <= 0) {
            return MediaInfo.defective(format, damaged("its video track gives no picture size"));
        }
        long seconds = video.ticks / video.timescale;
        if (seconds > MAX_SECONDS) {
            return MediaInfo.defective(format, damaged("its video track claims to last " + seconds + " s"));
        }
        long nanos = BigDecimal.valueOf(video.ticks % video.timescale)
                .multiply(BigDecimal.valueOf(1_000_000_000L))
                .divide(BigDecimal.valueOf(video.timescale), 0, RoundingMode.CEILING)
                .longValueExact();
        Duration duration = Duration.ofSeconds(seconds).plusNanos(nanos);
        return MediaInfo.video(format, video.width, video.height, duration, video.frames, video.codec);
    }

    /** The {@code trex} default sample duration of a track in {@code moov/mvex}, or 0. */
    private static long trexDefaultDuration(ByteSource in, Box moov, long trackId) throws IOException {
        Box mvex = Box.find(in, moov.payload, moov.end, "mvex");
        if (mvex == null) {
            return 0;
        }
        for (Box b = Box.find(in, mvex.payload, mvex.end, "trex");
                b != null;
                b = Box.find(in, b.end, mvex.end, "trex")) {
            if (b.end - b.payload >= 24 && in.u32be(b.payload + 4) == trackId) {
                return in.u32be(b.payload + 12);
            }
        }
        return 0;
    }

    /**
     * Walks the top-level boxes into {@code out}: the defect when one runs past the end (the file was cut) or
     * is corrupt, else null.
     */
    private static Defect topLevel(ByteSource in, List<Box> out) throws IOException {
        long size = in.size();
        long pos = 0;
        while (pos < size) {
            if (size - pos < 8) {
                if (in.skip(pos, 0) == size) {
                    break; // zero padding after the last box
                }
                return cut("it ends inside a box header at byte " + pos);
            }
            long boxSize = in.u32be(pos);
            String type = in.ascii(pos + 4, 4);
            String name = printable(type);
            long header = 8;
            if (boxSize == 1) {
                if (size - pos < 16) {
                    return cut("it ends inside the header of its " + name + " box");
                }
                boxSize = in.u64be(pos + 8); // 64-bit "largesize"; negative when corrupt
                header = 16;
            } else if (boxSize == 0) {
                boxSize = size - pos; // extends to the end of the file
            }
            if (boxSize < header) {
                return damaged("its " + name + " box at byte " + pos + " has an impossible size");
            }
            if (boxSize > size - pos) {
                return cut("its " + name + " box at byte " + pos + " needs " + (boxSize - (size - pos))
                        + " bytes more than the file holds");
            }
            if (out.size() == MAX_TOP_LEVEL_BOXES) {
                return new Defect(
                        "has more than " + MAX_TOP_LEVEL_BOXES + " top-level boxes, more than kling4j reads",
                        "remux it with fewer fragments, e.g. ffmpeg -i in.mp4 -c copy out.mp4");
            }
            out.add(new Box(type, pos + header, pos + boxSize));
            pos += boxSize;
        }
        return null;
    }

    private static Box first(List<Box> boxes, String type) {
        return boxes.stream().filter(b -> b.type.equals(type)).findFirst().orElse(null);
    }

    private static String printable(String fourcc) {
        StringBuilder s = new StringBuilder(4);
        for (char c : fourcc.toCharArray()) {
            s.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return "'" + s + "'";
    }

    private static Defect cut(String detail) {
        return new Defect("is cut short: " + detail + " (an interrupted download, copy or recording)", RE_EXPORT);
    }

    private static Defect damaged(String detail) {
        return new Defect("is damaged: " + detail, "pass an undamaged file: export or download it again");
    }

    /** What the inspector reads of one {@code trak}. */
    private static final class Track {
        long id = -1;
        boolean enabled;
        String handler;
        String codec;
        int width;
        int height;
        long timescale;
        long frames;
        long ticks;

        static Track read(ByteSource in, Box trak) throws IOException {
            Track t = new Track();
            Box tkhd = Box.find(in, trak.payload, trak.end, "tkhd");
            boolean quarterTurn = false;
            if (tkhd != null && tkhd.end - tkhd.payload >= 84) {
                boolean v1 = in.u8(tkhd.payload) == 1;
                t.enabled = (in.u32be(tkhd.payload) & 1) != 0;
                t.id = in.u32be(tkhd.payload + (v1 ? 20 : 12));
                long matrix = tkhd.payload + (v1 ? 52 : 40);
                if (matrix + 44 <= tkhd.end) {
                    int a = (int) in.u32be(matrix);
                    int b = (int) in.u32be(matrix + 4);
                    quarterTurn = a == 0 && Math.abs(b) == 0x10000;
                    t.width = (int) (in.u32be(matrix + 36) >>> 16); // 16.16 fixed point
                    t.height = (int) (in.u32be(matrix + 40) >>> 16);
                }
            }
            Box mdia = Box.find(in, trak.payload, trak.end, "mdia");
            if (mdia == null) {
                return t;
            }
            Box hdlr = Box.find(in, mdia.payload, mdia.end, "hdlr");
            if (hdlr != null && hdlr.end - hdlr.payload >= 12) {
                t.handler = in.ascii(hdlr.payload + 8, 4);
            }
            Box mdhd = Box.find(in, mdia.payload, mdia.end, "mdhd");
            long mdhdDuration = 0;
            boolean mdhdV1 = mdhd != null && in.u8(mdhd.payload) == 1;
            if (mdhd != null && mdhd.end - mdhd.payload >= (mdhdV1 ? 32 : 20)) {
                boolean v1 = mdhdV1;
                t.timescale = in.u32be(mdhd.payload + (v1 ? 20 : 12));
                mdhdDuration = v1 ? in.u64be(mdhd.payload + 24) : in.u32be(mdhd.payload + 16);
            }
            Box minf = Box.find(in, mdia.payload, mdia.end, "minf");
            Box stbl = minf == null ? null : Box.find(in, minf.payload, minf.end, "stbl");
            if (stbl != null) {
                t.readSampleTable(in, stbl, mdhdDuration);
            }
            if (quarterTurn) {
                int w = t.width;
                t.width = t.height;
                t.height = w;
            }
            return t;
        }

        private void readSampleTable(ByteSource in, Box stbl, long mdhdDuration) throws IOException {
            Box stsd = Box.find(in, stbl.payload, stbl.end, "stsd");
            if (stsd != null && stsd.end - stsd.payload >= 16 && in.u32be(stsd.payload + 4) > 0) {
                long entry = stsd.payload + 8;
                codec = in.ascii(entry + 4, 4);
                if ((width == 0 || height == 0) && entry + 36 <= stsd.end) {
                    width = in.u16be(entry + 32); // a visual sample entry's own size, when tkhd gives none
                    height = in.u16be(entry + 34);
                }
            }
            Box stts = Box.find(in, stbl.payload, stbl.end, "stts");
            if (stts != null && stts.end - stts.payload >= 8) {
                long entries = Math.min(in.u32be(stts.payload + 4), (stts.end - stts.payload - 8) / 8);
                for (long i = 0, p = stts.payload + 8; i < entries; i++, p += 8) {
                    long count = in.u32be(p);
                    frames += count; // below 2^32 per entry, entries bounded by the file: no overflow
                    add(count, in.u32be(p + 4));
                }
            }
            if (frames > 0 && ticks == 0 && mdhdDuration > 0 && mdhdDuration != 0xffffffffL) {
                ticks = mdhdDuration; // sample durations all zero: the media header's total is all there is
            }
        }

        /** Adds the frames and durations of this track's {@code traf}s in one {@code moof}. */
        void addFragments(ByteSource in, Box moof, long trexDuration) throws IOException {
            for (Box traf = Box.find(in, moof.payload, moof.end, "traf");
                    traf != null;
                    traf = Box.find(in, traf.end, moof.end, "traf")) {
                Box tfhd = Box.find(in, traf.payload, traf.end, "tfhd");
                if (tfhd == null || tfhd.end - tfhd.payload < 8 || in.u32be(tfhd.payload + 4) != id) {
                    continue;
                }
                long flags = in.u32be(tfhd.payload) & 0xffffff;
                long p = tfhd.payload + 8;
                p += (flags & 0x01) != 0 ? 8 : 0; // base data offset
                p += (flags & 0x02) != 0 ? 4 : 0; // sample description index
                long defaultDuration = (flags & 0x08) != 0 && p + 4 <= tfhd.end ? in.u32be(p) : trexDuration;
                for (Box trun = Box.find(in, traf.payload, traf.end, "trun");
                        trun != null;
                        trun = Box.find(in, trun.end, traf.end, "trun")) {
                    addRun(in, trun, defaultDuration);
                }
            }
        }

        private void addRun(ByteSource in, Box trun, long defaultDuration) throws IOException {
            if (trun.end - trun.payload < 8) {
                return;
            }
            long flags = in.u32be(trun.payload) & 0xffffff;
            long count = in.u32be(trun.payload + 4);
            long p = trun.payload + 8;
            p += (flags & 0x01) != 0 ? 4 : 0; // data offset
            p += (flags & 0x04) != 0 ? 4 : 0; // first sample flags
            int entry = 4 * Long.bitCount(flags & 0xf00);
            if (p > trun.end || (entry > 0 && count > (trun.end - p) / entry)) {
                throw new Corrupt("a fragment (trun at byte " + trun.payload + ") counts more frames than it holds");
            }
            frames += count;
            if ((flags & 0x100) == 0) {
                add(count, defaultDuration);
                return;
            }
            for (long i = 0; i < count; i++, p += entry) {
                add(1, in.u32be(p));
            }
        }

        /** Adds {@code count} frames' worth of {@code duration} ticks each. */
        private void add(long count, long duration) {
            try {
                ticks = Math.addExact(ticks, Math.multiplyExact(count, duration));
            } catch (ArithmeticException e) {
                throw new Corrupt("its frame durations add up to more than any real video lasts");
            }
        }
    }

    /** A sample table or fragment that contradicts itself; read as a defect, never thrown to the caller. */
    private static final class Corrupt extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    /** An ISO base media box: its type, where its payload starts and where it ends. */
    private static final class Box {
        final String type;
        final long payload;
        final long end;

        Box(String type, long payload, long end) {
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
                if (pos + 16 > limit) {
                    return null;
                }
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
