package dev.kling4j.testkit;

import java.awt.AWTError;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/**
 * The characters of a video, each drawn once by Java2D into a cell of its style (the JDK's logical
 * {@code Monospaced} font, anti-aliased) and kept for the frames that show it. One per rendering; not
 * thread-safe. The glyph is centred in its cell and clipped to it, and its last two rows stay background
 * (see {@link Scene}). On a JDK that cannot draw text at all (no font on the machine), cells stay empty
 * and the video still plays, without its text.
 */
final class Glyphs {
    private static final boolean CAN_DRAW = probe();

    private final Map<Long, int[]> cells = new HashMap<>();

    /** The cell of code point {@code cp} in {@code style}: {@code cellW * cellH} RGB pixels, rows first. */
    int[] cell(Scene.Style style, int cp) {
        return cells.computeIfAbsent(((long) style.index() << 32) | cp, k -> draw(style, cp));
    }

    private static int[] draw(Scene.Style style, int cp) {
        int[] px = new int[style.cellW() * style.cellH()];
        java.util.Arrays.fill(px, style.background());
        if (!CAN_DRAW) {
            return px;
        }
        BufferedImage img = new BufferedImage(style.cellW(), style.cellH() - Scene.MARGIN, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(style.background()));
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setFont(new Font(Font.MONOSPACED, style.bold() ? Font.BOLD : Font.PLAIN, style.fontPx()));
            g.setColor(new Color(style.rgb()));
            FontMetrics fm = g.getFontMetrics();
            String s = new String(Character.toChars(cp));
            g.drawString(s, Math.max(0, (style.cellW() - fm.stringWidth(s)) / 2), style.baseline());
        } finally {
            g.dispose();
        }
        img.getRGB(0, 0, img.getWidth(), img.getHeight(), px, 0, style.cellW());
        for (int i = 0; i < img.getWidth() * img.getHeight(); i++) {
            px[i] &= 0xFFFFFF;
        }
        return px;
    }

    /** Whether this JDK draws text; sets {@code java.awt.headless} first unless the application did. */
    private static boolean probe() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            try {
                g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 8));
                g.drawString("0", 0, 7);
            } finally {
                g.dispose();
            }
            return true;
        } catch (RuntimeException | LinkageError | AWTError | InternalError e) {
            // A JRE without fonts or fontconfig: videos keep their frames, without text.
            return false;
        }
    }
}
