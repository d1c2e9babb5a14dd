package dev.kling4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/** The pictures a video should decode to, rendered from its scene, and the checks that compare them. */
final class Frames {
    private Frames() {}

    /** Frame {@code frame} of the scene over its whole macroblock grid: Y, Cb, Cr. */
    static byte[][] rendered(Scene scene, int frame, Glyphs glyphs) {
        int w = scene.mbCols * 16;
        byte[][] planes = {
            new byte[w * scene.mbRows * 16], new byte[w * scene.mbRows * 4], new byte[w * scene.mbRows * 4]
        };
        int[] rgb = new int[256];
        byte[] yuv = new byte[384];
        for (int mby = 0; mby < scene.mbRows; mby++) {
            for (int mbx = 0; mbx < scene.mbCols; mbx++) {
                scene.rgb(frame, mbx, mby, glyphs, rgb);
                Scene.toYuv(rgb, yuv);
                for (int i = 0; i < 256; i++) {
                    planes[0][(mby * 16 + i / 16) * w + mbx * 16 + i % 16] = yuv[i];
                }
                for (int i = 0; i < 64; i++) {
                    int at = (mby * 8 + i / 8) * (w / 2) + mbx * 8 + i % 8;
                    planes[1][at] = yuv[256 + i];
                    planes[2][at] = yuv[320 + i];
                }
            }
        }
        return planes;
    }

    /** Asserts two pictures are the same, naming the first differing sample. */
    static void assertSame(byte[][] actual, byte[][] expected, int mbCols, String what) {
        for (int p = 0; p < 3; p++) {
            int mismatch = Arrays.mismatch(actual[p], expected[p]);
            if (mismatch >= 0) {
                int stride = p == 0 ? mbCols * 16 : mbCols * 8;
                assertThat(actual[p][mismatch] & 0xff)
                        .as("%s: plane %d differs first at x=%d y=%d", what, p, mismatch % stride, mismatch / stride)
                        .isEqualTo(expected[p][mismatch] & 0xff);
            }
        }
    }

    /** The cropped (displayed) area of a picture as yuv420p rows, as ffmpeg's rawvideo writes them. */
    static byte[] displayed(byte[][] planes, int mbCols, int width, int height) {
        byte[] out = new byte[width * height * 3 / 2];
        int at = 0;
        for (int y = 0; y < height; y++) {
            System.arraycopy(planes[0], y * mbCols * 16, out, at, width);
            at += width;
        }
        for (int p = 1; p <= 2; p++) {
            for (int y = 0; y < height / 2; y++) {
                System.arraycopy(planes[p], y * mbCols * 8, out, at, width / 2);
                at += width / 2;
            }
        }
        return out;
    }
}
