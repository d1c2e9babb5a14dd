package dev.kling4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The emulator's videos, read back with a reader and a decoder of our own (Mp4Reader, H264Reader). */
class TestVideoTest {
    private static TestVideo fox(int w, int h, int seconds, boolean audio) {
        return TestVideo.builder(w, h, Duration.ofSeconds(seconds))
                .caption("kling4j fal emulator \u00b7 kling_o3_pro_t2v")
                .caption("request 0d6f2c3e-8a51-4c55-9b0a-3f2e1d6c7b8a")
                .prompt("A red fox runs through fresh snow")
                .audio(audio)
                .build();
    }

    @ParameterizedTest
    @CsvSource({"1280, 720, 5, true", "1920, 1080, 3, false", "720, 1280, 4, true", "2160, 2160, 3, false"})
    void theSampleTablesAgreeAndHoldOneFramePer24thOfASecond(int w, int h, int seconds, boolean audio) {
        TestVideo video = fox(w, h, seconds, audio);
        byte[] file = video.toByteArray();

        assertThat((long) file.length).isEqualTo(video.fileSize());
        Mp4Reader mp4 = new Mp4Reader(file);
        assertThat(mp4.topLevel).containsExactly("ftyp", "moov", "mdat");
        assertThat(mp4.movieDuration * 1000 / mp4.movieTimescale).isEqualTo(seconds * 1000L);
        Mp4Reader.Track v = mp4.video();
        assertThat(v.samples()).isEqualTo(seconds * 24).isEqualTo(video.frameCount());
        assertThat(v.ticks()).isEqualTo(seconds * (long) v.timescale());
        assertThat(v.mdhdDuration()).isEqualTo(v.ticks());
        assertThat(v.tkhdDuration()).isEqualTo(seconds * 1000L);
        assertThat(Arrays.stream(v.deltas()).distinct()).containsExactly(v.timescale() / 24L);
        assertThat(v.syncSamples()).containsExactly(1);
        assertThat(new int[] {v.tkhdWidth(), v.tkhdHeight()}).containsExactly(w, h);
        assertThat(v.sampleEntry().type()).isEqualTo("avc1");
        assertThat(mp4.buf.getShort(v.sampleEntry().payload() + 24) & 0xffff)
                .as("avc1 width")
                .isEqualTo(w);
        assertThat(mp4.buf.getShort(v.sampleEntry().payload() + 26) & 0xffff)
                .as("avc1 height")
                .isEqualTo(h);

        H264Reader decoder = decoder(mp4, v);
        assertThat(new int[] {decoder.width, decoder.height}).as("SPS size").containsExactly(w, h);
        assertThat(decoder.fpsNumerator / decoder.fpsDenominator).isEqualTo(24);
        assertThat(decoder.constraints & 0xC0).as("Constrained Baseline").isEqualTo(0xC0);
        assertThat(decoder.colourMatrix).as("BT.601").isEqualTo(6);

        assertThat(mp4.audio().isPresent()).as("audio track").isEqualTo(audio);
        if (audio) {
            Mp4Reader.Track a = mp4.audio().orElseThrow();
            assertThat(a.timescale()).isEqualTo(48_000);
            assertThat(a.ticks()).isBetween(seconds * 48_000L - 1024, seconds * 48_000L);
            assertThat(a.sampleEntry().type()).isEqualTo("mp4a");
            byte[] esds = mp4.bytes(mp4.entryChild(a.sampleEntry(), 28, "esds"));
            assertThat(indexOf(esds, new byte[] {5, 2, 0x11, (byte) 0x88}))
                    .as("AudioSpecificConfig: AAC LC, 48 kHz, mono")
                    .isPositive();
            assertThat(Arrays.stream(a.sizes()).distinct()).containsExactly(4);
            assertThat(mp4.sample(a, 0)).containsExactly(Aac.silence());
        }
    }

    @Test
    void everyFrameDecodesToExactlyTheRenderedPicture() {
        TestVideo video = TestVideo.builder(640, 360, Duration.ofSeconds(3))
                .caption("a caption that is long enough to wrap "
                        + "onto a second line at this width, so both lines are drawn")
                .shot("the first shot", Duration.ofSeconds(1))
                .shot("the second shot, whose prompt takes more room than the first", Duration.ofSeconds(1))
                .shot("third", Duration.ofSeconds(1))
                .audio(true)
                .build();
        Mp4Reader mp4 = new Mp4Reader(video.toByteArray());
        Mp4Reader.Track v = mp4.video();
        H264Reader decoder = decoder(mp4, v);
        Glyphs glyphs = new Glyphs();
        for (int f = 0; f < v.samples(); f++) {
            decoder.decodeSample(mp4.sample(v, f));
            Frames.assertSame(decoder.picture, Frames.rendered(video.scene(), f, glyphs), decoder.mbCols, "frame " + f);
        }
        assertThat(decoder.framesDecoded).isEqualTo(72);
    }

    @Test
    void theFirstFrameOfA4kVideoDecodesToTheRenderedPicture() {
        TestVideo video = fox(3840, 2160, 3, true);
        Mp4Reader mp4 = new Mp4Reader(video.toByteArray());
        H264Reader decoder = decoder(mp4, mp4.video());

        decoder.decodeSample(mp4.sample(mp4.video(), 0));

        Frames.assertSame(decoder.picture, Frames.rendered(video.scene(), 0, new Glyphs()), decoder.mbCols, "IDR");
        assertThat(decoder.level).isEqualTo(51);
    }

    @Test
    void glyphsThatFillTheirCellToTheEdgeStillLeaveTheirNeighboursPredictable() {
        // four 12-pixel cells from x=32 end on a macroblock edge (x=80): the box reaches past it, so the
        // background macroblock on the right does not predict from the blocks' last column
        TestVideo video = TestVideo.builder(1280, 720, Duration.ofSeconds(1))
                .caption("\u2588\u2588\u2588\u2588")
                .prompt(
                        "\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588")
                .build();
        Mp4Reader mp4 = new Mp4Reader(video.toByteArray());
        H264Reader decoder = decoder(mp4, mp4.video());

        decoder.decodeSample(mp4.sample(mp4.video(), 0));

        Frames.assertSame(decoder.picture, Frames.rendered(video.scene(), 0, new Glyphs()), decoder.mbCols, "IDR");
    }

    @Test
    void aFrameWithOver32766UnchangedMacroblocksInARowStillDecodes() {
        // 240 x 240 macroblocks: the first change (the time code, near the bottom) follows a longer skip run
        TestVideo video = fox(3840, 3840, 1, false);
        Mp4Reader mp4 = new Mp4Reader(video.toByteArray());
        H264Reader decoder = decoder(mp4, mp4.video());
        Glyphs glyphs = new Glyphs();
        for (int f = 0; f < 3; f++) {
            decoder.decodeSample(mp4.sample(mp4.video(), f));
            Frames.assertSame(decoder.picture, Frames.rendered(video.scene(), f, glyphs), decoder.mbCols, "frame " + f);
        }
    }

    @Test
    void videosAlikeShareTheirLayoutAndEachStillRendersToItsAnnouncedSize() {
        TestVideo first = TestVideo.builder(1280, 720, Duration.ofSeconds(2))
                .caption("request 1")
                .prompt("a fox")
                .build();
        TestVideo second = TestVideo.builder(1280, 720, Duration.ofSeconds(2))
                .caption("request 2")
                .prompt("a cat")
                .build();
        TestVideo longer = TestVideo.builder(1280, 720, Duration.ofSeconds(2))
                .caption("request 3")
                .prompt("a horse")
                .build();

        assertThat(second.fileSize()).isEqualTo(first.fileSize());
        assertThat((long) second.toByteArray().length).isEqualTo(second.fileSize());
        assertThat((long) longer.toByteArray().length).isEqualTo(longer.fileSize());
        assertThat(new Mp4Reader(second.toByteArray()).video().samples()).isEqualTo(48);
    }

    @Test
    void aDurationOffTheFrameGridEndsOnTheMillisecond() {
        TestVideo video = TestVideo.builder(1280, 720, Duration.ofMillis(6200))
                .prompt("p")
                .build();
        Mp4Reader mp4 = new Mp4Reader(video.toByteArray());
        Mp4Reader.Track v = mp4.video();

        assertThat(v.samples()).isEqualTo(149); // 148.8 frames: the last one is shorter
        assertThat(v.deltas()[148]).isEqualTo(800);
        assertThat(v.ticks() * 1000 / v.timescale()).isEqualTo(6200);
        assertThat(mp4.movieDuration).isEqualTo(6200);
        assertThat(video.duration()).isEqualTo(Duration.ofMillis(6200));
    }

    @Test
    void sampleInputVideosArePlayableToo() {
        byte[] file = SampleMedia.mp4(Duration.ofSeconds(6), 1280, 720);
        Mp4Reader mp4 = new Mp4Reader(file);
        Mp4Reader.Track v = mp4.video();
        H264Reader decoder = decoder(mp4, v);
        for (int f = 0; f < v.samples(); f++) {
            decoder.decodeSample(mp4.sample(v, f));
        }

        assertThat(v.samples()).isEqualTo(144);
        assertThat(mp4.audio()).isEmpty();
        assertThat(file.length).as("cheap").isLessThan(8_000);
        assertThat(decoder.get(0, 640, 300)).as("a flat colour").isEqualTo(decoder.get(0, 10, 10));
    }

    @Test
    void badSizesAndDurationsAreRefusedWithTheirNames() {
        assertThatThrownBy(() ->
                        TestVideo.builder(1279, 720, Duration.ofSeconds(5)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("width must be even");
        assertThatThrownBy(() -> TestVideo.builder(1280, 8, Duration.ZERO).build())
                .hasMessageContaining("height")
                .hasMessageContaining("duration must be from 1 ms");
        assertThatThrownBy(() -> TestVideo.builder(1280, 720, Duration.ofSeconds(5))
                        .prompt("a")
                        .shot("b", Duration.ofSeconds(5))
                        .build())
                .hasMessageContaining("prompt and shot are exclusive");
        assertThatThrownBy(() -> SampleMedia.mp4(Duration.ZERO, 64, 64)).hasMessageContaining("duration");
    }

    @Test
    void promptsWrapAtWordsAndLongOnesEndInDots() {
        assertThat(Scene.wrap("A red fox runs through fresh snow", 12, 5))
                .containsExactly("A red fox", "runs through", "fresh snow");
        assertThat(Scene.wrap("abcdefghijklmnop qr", 6, 5)).containsExactly("abcdef", "ghijkl", "mnop", "qr");
        assertThat(Scene.wrap("one\ntwo  three", 20, 5)).containsExactly("one", "two three");
        assertThat(Scene.wrap("aaa bbb ccc ddd eee", 7, 2)).containsExactly("aaa bbb", "ccc...");
        assertThat(Scene.wrap("", 10, 3)).isEmpty();
    }

    @Test
    void aStoryboardShowsEachShotsPromptAndNumberInItsTime() {
        TestVideo video = TestVideo.builder(1280, 720, Duration.ofSeconds(6))
                .shot("first", Duration.ofSeconds(2))
                .shot("second", Duration.ofSeconds(4))
                .build();
        List<String> atStart = texts(video.scene(), 0);
        List<String> atThree = texts(video.scene(), 72);

        assertThat(atStart).contains("shot 1/2", "first").doesNotContain("second");
        assertThat(atThree).contains("shot 2/2", "second", "00:00:03:00 / 00:00:06:00");
    }

    private static List<String> texts(Scene scene, int frame) {
        return scene.lines().stream()
                .map(l -> new String(l.at(frame), 0, l.at(frame).length))
                .toList();
    }

    static H264Reader decoder(Mp4Reader mp4, Mp4Reader.Track v) {
        byte[] avcC = mp4.bytes(mp4.entryChild(v.sampleEntry(), 78, "avcC"));
        assertThat(avcC[0]).as("configurationVersion").isEqualTo((byte) 1);
        assertThat(avcC[4] & 3).as("lengthSizeMinusOne").isEqualTo(3);
        assertThat(avcC[5] & 0x1f).as("SPS count").isEqualTo(1);
        int spsLen = ((avcC[6] & 0xff) << 8) | (avcC[7] & 0xff);
        byte[] sps = Arrays.copyOfRange(avcC, 8, 8 + spsLen);
        assertThat(avcC[8 + spsLen]).as("PPS count").isEqualTo((byte) 1);
        int ppsLen = ((avcC[9 + spsLen] & 0xff) << 8) | (avcC[10 + spsLen] & 0xff);
        byte[] pps = Arrays.copyOfRange(avcC, 11 + spsLen, 11 + spsLen + ppsLen);
        assertThat(new byte[] {avcC[1], avcC[2], avcC[3]})
                .as("avcC profile, compatibility, level = the SPS's")
                .containsExactly(sps[1], sps[2], sps[3]);
        return new H264Reader(sps, pps);
    }

    private static int indexOf(byte[] in, byte[] what) {
        for (int i = 0; i + what.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }
}
