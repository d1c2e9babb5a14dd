package dev.kling4j.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What each frame of an emulator video shows, and which macroblocks change from one frame to the next,
 * known from the layout alone (no pixel is drawn to know it): a flat background, lines of text on a grid of
 * character cells, a time code and a progress bar.
 *
 * <p>The H.264 writer needs two facts per frame, both answered here without drawing:
 * <ul>
 *   <li>Frame 0: which macroblocks may hold anything but background (they are coded I_PCM; the rest are
 *       predicted from their left and upper neighbours' edge pixels). Each text line's box (its
 *       non-blank cells at frame 0, plus two pixels to the right) and the bar's box; since glyphs never
 *       draw in the last two rows of their cell and the bar stops two pixels short of its box, the edge
 *       pixels (luma, and chroma at half resolution) of every box seen by a neighbour are background.</li>
 *   <li>Frame f: which macroblocks may differ from frame f-1: the cells whose character changed (a glyph
 *       never leaves its cell) and the bar's columns between the two fill lengths.</li>
 * </ul>
 * Text is sized for the frame's short side (720 pixels at scale 1, up to scale 2), so that it reads at
 * 1280x720 and costs little at 4k. Colours are converted with BT.601 in limited range (Y 16..235, Cb and Cr
 * 16..240): a sample is never below 16, which keeps slices free of emulation prevention (see {@link H264}).
 */
final class Scene {
    /** Pixels at the right and bottom of every box that stay background. */
    static final int MARGIN = 2;

    private static final int MB = H264.MB;
    private static final int BACKGROUND = 0x18202e;
    private static final int CAPTION = 0xa0aec0;
    private static final int TEXT = 0xf7fafc;
    private static final int ACCENT = 0xf6ad55;
    private static final int TRACK = 0x3c4860;
    private static final int PLAIN_BACKGROUND = 0x2b6cb0;
    /** The longest prompt shown, in characters: more would cost megabytes at 4k. */
    private static final int MAX_PROMPT_CELLS = 300;

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n]]");

    /**
     * A text style: its character cell, font size, baseline and colour, on the scene's background.
     *
     * @param index its number in the scene (for glyph caches)
     * @param cellW cell width, pixels
     * @param cellH cell height, pixels
     * @param fontPx the font's size
     * @param baseline the baseline's row in the cell
     * @param bold bold or plain
     * @param rgb text colour
     * @param background background colour
     */
    record Style(int index, int cellW, int cellH, int fontPx, int baseline, boolean bold, int rgb, int background) {}

    /** One shot of the video: its prompt and its first frame. */
    record Shot(String prompt, int firstFrame) {}

    /** A line of character cells whose text may change from frame to frame. */
    abstract static class Line {
        final int x;
        final int y;
        final Style style;

        Line(int x, int y, Style style) {
            this.x = x;
            this.y = y;
            this.style = style;
        }

        /** The code points shown at a frame; the same array for frames that show the same text. */
        abstract int[] at(int frame);
    }

    /** A line with the same text in every frame. */
    static final class StaticLine extends Line {
        private final int[] text;

        StaticLine(int x, int y, Style style, String text) {
            super(x, y, style);
            this.text = text.codePoints().toArray();
        }

        @Override
        int[] at(int frame) {
            return text;
        }
    }

    /** A line whose text is one per shot (a storyboard's prompt lines and shot label). */
    static final class ShotLine extends Line {
        private final int[][] texts;
        private final int[] firstFrames;

        ShotLine(int x, int y, Style style, List<String> perShot, int[] firstFrames) {
            super(x, y, style);
            this.texts = perShot.stream().map(s -> s.codePoints().toArray()).toArray(int[][]::new);
            this.firstFrames = firstFrames;
        }

        @Override
        int[] at(int frame) {
            int shot = 0;
            while (shot + 1 < firstFrames.length && frame >= firstFrames[shot + 1]) {
                shot++;
            }
            return texts[shot];
        }
    }

    /** The time code of the frame shown, HH:MM:SS:FF at 24 fps, then the video's length. */
    static final class TimeCode extends Line {
        /** Its length: "HH:MM:SS:FF / HH:MM:SS:FF". */
        static final int CELLS = 25;

        private final String total;

        TimeCode(int x, int y, Style style, int frames) {
            super(x, y, style);
            this.total = " / " + timeCode(frames);
        }

        @Override
        int[] at(int frame) {
            String code = timeCode(frame);
            int[] cells = new int[code.length() + total.length()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = i < code.length() ? code.charAt(i) : total.charAt(i - code.length());
            }
            return cells;
        }

        static String timeCode(int frame) {
            int s = frame / H264.FPS;
            char[] c = new char[11];
            int[] fields = {s / 3600 % 100, s / 60 % 60, s % 60, frame % H264.FPS};
            for (int i = 0; i < 4; i++) {
                c[3 * i] = (char) ('0' + fields[i] / 10);
                c[3 * i + 1] = (char) ('0' + fields[i] % 10);
                if (i < 3) {
                    c[3 * i + 2] = ':';
                }
            }
            return new String(c);
        }
    }

    /** The progress bar: a track filled from the left, reaching its end on the last frame. */
    private record Bar(int boxX0, int boxX1, int boxY0, int boxY1, int inkY0, int inkY1, int frames) {
        int inkX0() {
            return boxX0;
        }

        int inkX1() {
            return boxX1 - MARGIN;
        }

        int fill(int frame) {
            return (int) Math.round((frame + 1) * (double) (inkX1() - inkX0()) / frames);
        }
    }

    final int width;
    final int height;
    final int frames;
    final int mbCols;
    final int mbRows;
    private final int background;
    private final List<Line> lines;
    private final Bar bar;

    private Scene(int width, int height, int frames, int background, List<Line> lines, Bar bar) {
        this.width = width;
        this.height = height;
        this.frames = frames;
        this.mbCols = (width + MB - 1) / MB;
        this.mbRows = (height + MB - 1) / MB;
        this.background = background;
        this.lines = List.copyOf(lines);
        this.bar = bar;
    }

    /** A still, flat colour (sample input videos: a few kilobytes, and no font needed). */
    static Scene plain(int width, int height, int frames) {
        return new Scene(width, height, frames, PLAIN_BACKGROUND, List.of(), null);
    }

    /**
     * The emulator's scene: captions at the top, the shot label and prompt (per shot), the time code and the
     * progress bar at the bottom.
     *
     * @param width pixels
     * @param height pixels
     * @param frames the video's frames
     * @param captions small lines at the top (model, request id)
     * @param shots the prompt of each shot, from frame 0; one shot for a single prompt
     * @param labelShots whether to show "shot n/N" (a storyboard)
     */
    static Scene of(int width, int height, int frames, List<String> captions, List<Shot> shots, boolean labelShots) {
        double u = Math.max(0.5, Math.min(2.0, Math.min(width, height) / 720.0));
        int margin = MB * Math.max(1, (int) Math.round(2 * u));
        Style caption = style(0, (int) Math.round(12 * u), (int) Math.round(26 * u), false, CAPTION);
        Style prompt = style(1, (int) Math.round(17 * u), (int) Math.round(38 * u), false, TEXT);
        Style label = style(2, prompt.cellW(), prompt.cellH(), true, ACCENT);
        int tcW = u >= 1 ? MB * (int) Math.round(u) : 2 * (int) Math.round(8 * u);
        Style time = style(3, tcW, 2 * tcW, true, ACCENT);

        List<Line> lines = new ArrayList<>();
        Bar bar = bar(width, height, frames, u);
        int bottom = bar == null ? height : bar.boxY0();
        int timeY = (bottom - (int) Math.round(10 * u) - time.cellH()) / MB * MB;
        int textBottom = timeY - (int) Math.round(12 * u);
        int y = margin;
        for (String c : captions) {
            for (String l : wrap(c, cellsPerLine(width, margin, caption), Integer.MAX_VALUE)) {
                if (y + caption.cellH() <= textBottom) {
                    lines.add(new StaticLine(margin, y, caption, l));
                }
                y += caption.cellH();
            }
        }
        y += (int) Math.round(12 * u);
        int[] firstFrames = shots.stream().mapToInt(Shot::firstFrame).toArray();
        if (labelShots && y + label.cellH() <= textBottom) {
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < shots.size(); i++) {
                labels.add("shot " + (i + 1) + "/" + shots.size());
            }
            lines.add(new ShotLine(margin, y, label, labels, firstFrames));
            y += label.cellH();
        }
        int perLine = cellsPerLine(width, margin, prompt);
        int maxLines = Math.min(
                Math.max(0, (textBottom - y) / prompt.cellH()),
                (MAX_PROMPT_CELLS + perLine - 1) / Math.max(1, perLine));
        List<List<String>> wrapped = new ArrayList<>();
        int count = 0;
        for (Shot s : shots) {
            List<String> w = wrap(s.prompt(), perLine, maxLines);
            wrapped.add(w);
            count = Math.max(count, w.size());
        }
        for (int i = 0; i < count; i++) {
            List<String> perShot = new ArrayList<>();
            for (List<String> w : wrapped) {
                perShot.add(i < w.size() ? w.get(i) : "");
            }
            lines.add(new ShotLine(margin, y, prompt, perShot, firstFrames));
            y += prompt.cellH();
        }
        if (timeY >= 0 && margin + TimeCode.CELLS * time.cellW() <= width) {
            lines.add(new TimeCode(margin, timeY, time, frames));
        }
        return new Scene(width, height, frames, BACKGROUND, lines, bar);
    }

    private static Style style(int index, int cellW, int cellH, boolean bold, int rgb) {
        // Monospaced fonts advance about 0.6 em; the baseline leaves room for descenders above the margin.
        return new Style(
                index,
                Math.max(4, cellW),
                Math.max(8, cellH),
                Math.max(4, (int) (cellW / 0.6)),
                (int) Math.round(cellH * 0.74),
                bold,
                rgb,
                BACKGROUND);
    }

    private static int cellsPerLine(int width, int margin, Style style) {
        return Math.max(0, (width - 2 * margin) / style.cellW());
    }

    private static Bar bar(int width, int height, int frames, double u) {
        int margin = MB * Math.max(1, (int) Math.round(2 * u));
        int boxH = MB * Math.max(1, (int) Math.round(u));
        int y0 = (height - margin - boxH) / MB * MB;
        int x1 = (width - margin) / MB * MB;
        if (y0 < 0 || x1 - margin < MB) {
            return null;
        }
        int inset = Math.max(MARGIN, boxH / 4);
        return new Bar(margin, x1, y0, y0 + boxH, y0 + inset, y0 + boxH - inset, frames);
    }

    /**
     * Greedy word wrap by code points: line breaks kept, a word longer than a line cut, and a text longer
     * than {@code maxLines} ended with "...".
     */
    static List<String> wrap(String text, int perLine, int maxLines) {
        List<String> out = new ArrayList<>();
        if (perLine <= 0 || maxLines <= 0) {
            return out;
        }
        for (String paragraph : CONTROL.matcher(text).replaceAll(" ").split("\n")) {
            StringBuilder line = new StringBuilder();
            int len = 0;
            for (String word : paragraph.trim().split("\\s+")) {
                int[] cps = word.codePoints().toArray();
                int at = 0;
                while (at < cps.length) {
                    if (len > 0 && len + 1 + Math.min(cps.length - at, perLine) > perLine) {
                        out.add(line.toString());
                        line.setLength(0);
                        len = 0;
                    }
                    if (len > 0) {
                        line.append(' ');
                        len++;
                    }
                    int take = Math.min(cps.length - at, perLine - len);
                    line.append(new String(cps, at, take));
                    len += take;
                    at += take;
                }
            }
            if (len > 0) {
                out.add(line.toString());
            }
        }
        if (out.size() > maxLines) {
            out = new ArrayList<>(out.subList(0, maxLines));
            int[] last = out.get(maxLines - 1).codePoints().toArray();
            out.set(
                    maxLines - 1,
                    new String(last, 0, Math.min(last.length, Math.max(0, perLine - 3))).stripTrailing() + "...");
        }
        return out;
    }

    // ------------------------------------------------------------------ which macroblocks

    /** Marks the macroblocks of frame 0 that may hold anything but background. */
    void idrMacroblocks(BitSet out) {
        out.set(0);
        for (Line line : lines) {
            int[] text = line.at(0);
            int len = text.length;
            while (len > 0 && text[len - 1] == ' ') {
                len--;
            }
            if (len > 0) {
                mark(line.x, line.y, line.x + len * line.style.cellW() + MARGIN, line.y + line.style.cellH(), out);
            }
        }
        if (bar != null) {
            mark(bar.boxX0(), bar.boxY0(), bar.boxX1(), bar.boxY1(), out);
        }
    }

    /**
     * The addresses of the macroblocks that may differ between frame {@code frame - 1} and {@code frame}.
     *
     * @param frame from 1
     * @param out a buffer, grown when too small
     * @return the buffer holding them (ascending, no repeats) and their count, as {@code out[0..count)}
     */
    Macroblocks changedMacroblocks(int frame, Macroblocks out) {
        out.clear();
        for (Line line : lines) {
            int[] before = line.at(frame - 1);
            int[] now = line.at(frame);
            if (before == now) {
                continue;
            }
            int cw = line.style.cellW();
            for (int k = 0; k < Math.max(before.length, now.length); k++) {
                if (cp(before, k) != cp(now, k)) {
                    mark(line.x + k * cw, line.y, line.x + (k + 1) * cw, line.y + line.style.cellH(), out);
                }
            }
        }
        if (bar != null) {
            int from = bar.inkX0() + bar.fill(frame - 1);
            int to = bar.inkX0() + bar.fill(frame);
            if (to > from) {
                mark(from, bar.boxY0(), to, bar.boxY1(), out);
            }
        }
        out.sortDistinct();
        return out;
    }

    /** A growable list of macroblock addresses. */
    static final class Macroblocks {
        int[] addresses = new int[64];
        int count;

        void clear() {
            count = 0;
        }

        void add(int address) {
            if (count == addresses.length) {
                addresses = Arrays.copyOf(addresses, 2 * count);
            }
            addresses[count++] = address;
        }

        void sortDistinct() {
            Arrays.sort(addresses, 0, count);
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (n == 0 || addresses[n - 1] != addresses[i]) {
                    addresses[n++] = addresses[i];
                }
            }
            count = n;
        }
    }

    private static int cp(int[] text, int k) {
        return k < text.length ? text[k] : ' ';
    }

    /** Marks the macroblocks that overlap pixels [x0, x1) x [y0, y1), clipped to the frame. */
    private void mark(int x0, int y0, int x1, int y1, BitSet out) {
        int[] r = mbRect(x0, y0, x1, y1);
        for (int row = r[1]; row <= r[3] && r[0] <= r[2]; row++) {
            out.set(row * mbCols + r[0], row * mbCols + r[2] + 1);
        }
    }

    private void mark(int x0, int y0, int x1, int y1, Macroblocks out) {
        int[] r = mbRect(x0, y0, x1, y1);
        for (int row = r[1]; row <= r[3]; row++) {
            for (int col = r[0]; col <= r[2]; col++) {
                out.add(row * mbCols + col);
            }
        }
    }

    /** The macroblock columns and rows (first and last, inclusive) over a pixel rectangle; empty: first > last. */
    private int[] mbRect(int x0, int y0, int x1, int y1) {
        x1 = Math.min(x1, width);
        y1 = Math.min(y1, height);
        if (x1 <= x0 || y1 <= y0) {
            return new int[] {0, 0, -1, -1};
        }
        return new int[] {Math.max(0, x0) / MB, Math.max(0, y0) / MB, (x1 - 1) / MB, (y1 - 1) / MB};
    }

    // ------------------------------------------------------------------ pixels

    /**
     * What the sizes of this scene's frames depend on, when only its clock changes (one shot): the frame, the
     * number of frames and each line's place, style and frame-0 length; null for a storyboard, whose frames
     * also depend on the texts of its shots. Two scenes with equal keys have frames of equal sizes.
     */
    List<Integer> layoutKey() {
        List<Integer> key = new ArrayList<>(List.of(width, height, frames));
        for (Line line : lines) {
            if (line instanceof ShotLine shots && shots.texts.length > 1) {
                return null;
            }
            int[] text = line.at(0);
            int len = text.length;
            while (len > 0 && text[len - 1] == ' ') {
                len--;
            }
            key.addAll(List.of(line instanceof TimeCode ? -1 : 0, line.x, line.y, line.style.index(), len));
        }
        return key;
    }

    /** The lines of text, for tests. */
    List<Line> lines() {
        return lines;
    }

    /** The background's RGB. */
    int background() {
        return background;
    }

    /**
     * One macroblock of a frame in RGB.
     *
     * @param frame the frame
     * @param mbx the macroblock's column
     * @param mby its row
     * @param glyphs the rendering's glyph cache
     * @param out 256 pixels, rows first
     */
    void rgb(int frame, int mbx, int mby, Glyphs glyphs, int[] out) {
        Arrays.fill(out, background);
        int x0 = mbx * MB;
        int y0 = mby * MB;
        for (Line line : lines) {
            Style s = line.style;
            if (y0 >= line.y + s.cellH() || y0 + MB <= line.y) {
                continue;
            }
            int[] text = line.at(frame);
            for (int k = Math.max(0, (x0 - line.x) / s.cellW()); k < text.length; k++) {
                int cx = line.x + k * s.cellW();
                if (cx >= x0 + MB) {
                    break;
                }
                if (cx + s.cellW() <= x0 || text[k] == ' ') {
                    continue;
                }
                int[] cell = glyphs.cell(s, text[k]);
                int ya = Math.max(y0, line.y);
                int yb = Math.min(Math.min(y0 + MB, line.y + s.cellH()), height);
                int xa = Math.max(x0, cx);
                int xb = Math.min(Math.min(x0 + MB, cx + s.cellW()), width);
                for (int py = ya; py < yb; py++) {
                    System.arraycopy(
                            cell, (py - line.y) * s.cellW() + (xa - cx), out, (py - y0) * MB + (xa - x0), xb - xa);
                }
            }
        }
        if (bar != null && y0 < bar.inkY1() && y0 + MB > bar.inkY0()) {
            int fillEnd = bar.inkX0() + bar.fill(frame);
            for (int py = Math.max(y0, bar.inkY0()); py < Math.min(y0 + MB, bar.inkY1()); py++) {
                for (int px = Math.max(x0, bar.inkX0()); px < Math.min(x0 + MB, bar.inkX1()); px++) {
                    out[(py - y0) * MB + (px - x0)] = px < fillEnd ? ACCENT : TRACK;
                }
            }
        }
    }

    /**
     * RGB to Y'CbCr 4:2:0, BT.601 limited range, as I_PCM's samples: 256 Y, then 64 Cb and 64 Cr, each
     * chroma sample from the mean of its 2x2 pixels.
     */
    static void toYuv(int[] rgb, byte[] out) {
        for (int i = 0; i < 256; i++) {
            int p = rgb[i];
            out[i] = (byte) luma((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
        }
        for (int cy = 0; cy < 8; cy++) {
            for (int cx = 0; cx < 8; cx++) {
                int i = cy * 32 + cx * 2;
                int r = 0;
                int g = 0;
                int b = 0;
                for (int p : new int[] {rgb[i], rgb[i + 1], rgb[i + 16], rgb[i + 17]}) {
                    r += (p >> 16) & 0xff;
                    g += (p >> 8) & 0xff;
                    b += p & 0xff;
                }
                r = (r + 2) >> 2;
                g = (g + 2) >> 2;
                b = (b + 2) >> 2;
                out[256 + cy * 8 + cx] = (byte) cb(r, g, b);
                out[320 + cy * 8 + cx] = (byte) cr(r, g, b);
            }
        }
    }

    static int luma(int r, int g, int b) {
        return ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
    }

    static int cb(int r, int g, int b) {
        return ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128;
    }

    static int cr(int r, int g, int b) {
        return ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128;
    }
}
