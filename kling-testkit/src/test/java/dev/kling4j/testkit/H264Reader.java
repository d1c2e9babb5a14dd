package dev.kling4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A decoder, written from ITU-T H.264 and independent of the writer, for exactly the subset the emulator
 * writes: it parses the SPS and PPS (asserting each field it relies on), and decodes I slices of I_PCM and
 * I_16x16 DC macroblocks without residual (doing the DC prediction from the decoded neighbours, and reading
 * the coeff_token the neighbours' nC selects) and P slices of P_Skip and I_PCM macroblocks. Anything else
 * fails the test. Pictures are the whole macroblock grid, Y then Cb then Cr.
 */
final class H264Reader {
    /** A bit reader over an RBSP (emulation prevention bytes removed). */
    static final class BitReader {
        private final byte[] data;
        private long pos;

        BitReader(byte[] nal) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(nal.length);
            int zeros = 0;
            for (byte value : nal) {
                int b = value & 0xff;
                if (zeros >= 2 && b == 3) {
                    zeros = 0;
                    continue;
                }
                out.write(b);
                zeros = b == 0 ? zeros + 1 : 0;
            }
            this.data = out.toByteArray();
        }

        int bit() {
            int b = (data[(int) (pos >> 3)] >> (7 - (pos & 7))) & 1;
            pos++;
            return b;
        }

        long u(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 1) | bit();
            }
            return v;
        }

        int ue() {
            int zeros = 0;
            while (bit() == 0) {
                zeros++;
                assertThat(zeros).as("Exp-Golomb prefix").isLessThan(32);
            }
            return (int) ((1L << zeros) - 1 + u(zeros));
        }

        int se() {
            int k = ue();
            return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        }

        boolean aligned() {
            return (pos & 7) == 0;
        }

        /** more_rbsp_data(): is there anything before the rbsp_stop_one_bit? */
        boolean moreData() {
            int last = data.length - 1;
            while (last >= 0 && data[last] == 0) {
                last--;
            }
            long stop = (long) last * 8 + 7 - Integer.numberOfTrailingZeros(data[last] & 0xff);
            return pos < stop;
        }

        void trailing() {
            assertThat(bit()).as("rbsp_stop_one_bit").isEqualTo(1);
            while (!aligned()) {
                assertThat(bit()).as("rbsp_alignment_zero_bit").isZero();
            }
            assertThat(pos / 8).as("nothing after the trailing bits").isEqualTo(data.length);
        }
    }

    int width;
    int height;
    int mbCols;
    int mbRows;
    int log2MaxFrameNum;
    int profile;
    int constraints;
    int level;
    int fpsNumerator;
    int fpsDenominator;
    int colourMatrix;
    /** The picture being decoded and the previous (reference) one: [plane][samples]. */
    byte[][] picture;

    private byte[][] reference;
    int framesDecoded;

    H264Reader(byte[] sps, byte[] pps) {
        readSps(sps);
        readPps(pps);
    }

    private void readSps(byte[] nal) {
        BitReader r = new BitReader(nal);
        assertThat(r.u(8)).as("SPS NAL header").isEqualTo(0x67);
        profile = (int) r.u(8);
        constraints = (int) r.u(8);
        level = (int) r.u(8);
        assertThat(r.ue()).as("seq_parameter_set_id").isZero();
        assertThat(profile).as("profile_idc (Baseline)").isEqualTo(66);
        log2MaxFrameNum = r.ue() + 4;
        assertThat(r.ue()).as("pic_order_cnt_type").isEqualTo(2);
        assertThat(r.ue()).as("max_num_ref_frames").isEqualTo(1);
        assertThat(r.u(1)).as("gaps_in_frame_num_value_allowed_flag").isZero();
        mbCols = r.ue() + 1;
        mbRows = r.ue() + 1;
        assertThat(r.u(1)).as("frame_mbs_only_flag").isEqualTo(1);
        r.u(1); // direct_8x8_inference_flag
        int cropL = 0;
        int cropR = 0;
        int cropT = 0;
        int cropB = 0;
        if (r.u(1) == 1) {
            cropL = r.ue();
            cropR = r.ue();
            cropT = r.ue();
            cropB = r.ue();
        }
        width = mbCols * 16 - 2 * (cropL + cropR);
        height = mbRows * 16 - 2 * (cropT + cropB);
        assertThat(cropL + cropT).as("cropped on the left or top").isZero();
        assertThat(r.u(1)).as("vui_parameters_present_flag").isEqualTo(1);
        if (r.u(1) == 1) { // aspect_ratio_info_present_flag
            assertThat(r.u(8)).as("aspect_ratio_idc (1:1)").isEqualTo(1);
        }
        if (r.u(1) == 1) { // overscan_info_present_flag
            r.u(1);
        }
        if (r.u(1) == 1) { // video_signal_type_present_flag
            r.u(3);
            assertThat(r.u(1)).as("video_full_range_flag").isZero();
            if (r.u(1) == 1) {
                r.u(8);
                r.u(8);
                colourMatrix = (int) r.u(8);
            }
        }
        if (r.u(1) == 1) { // chroma_loc_info_present_flag
            r.ue();
            r.ue();
        }
        assertThat(r.u(1)).as("timing_info_present_flag").isEqualTo(1);
        long unitsInTick = r.u(32);
        long timeScale = r.u(32);
        fpsNumerator = (int) timeScale;
        fpsDenominator = (int) (2 * unitsInTick);
        r.u(1); // fixed_frame_rate_flag
        assertThat(r.u(1)).as("nal_hrd_parameters_present_flag").isZero();
        assertThat(r.u(1)).as("vcl_hrd_parameters_present_flag").isZero();
        r.u(1); // pic_struct_present_flag
        if (r.u(1) == 1) { // bitstream_restriction_flag
            r.u(1);
            r.ue();
            r.ue();
            r.ue();
            r.ue();
            assertThat(r.ue()).as("max_num_reorder_frames").isZero();
            r.ue();
        }
        r.trailing();
    }

    private void readPps(byte[] nal) {
        BitReader r = new BitReader(nal);
        assertThat(r.u(8)).as("PPS NAL header").isEqualTo(0x68);
        assertThat(r.ue()).as("pic_parameter_set_id").isZero();
        assertThat(r.ue()).as("seq_parameter_set_id").isZero();
        assertThat(r.u(1)).as("entropy_coding_mode_flag (CAVLC)").isZero();
        r.u(1);
        assertThat(r.ue()).as("num_slice_groups_minus1").isZero();
        assertThat(r.ue()).as("num_ref_idx_l0_default_active_minus1").isZero();
        r.ue();
        assertThat(r.u(1)).as("weighted_pred_flag").isZero();
        r.u(2);
        r.se();
        r.se();
        r.se();
        assertThat(r.u(1)).as("deblocking_filter_control_present_flag").isEqualTo(1);
        assertThat(r.u(1)).as("constrained_intra_pred_flag").isZero();
        assertThat(r.u(1)).as("redundant_pic_cnt_present_flag").isZero();
        r.trailing();
    }

    /** Decodes one sample (length-prefixed NAL units) into {@link #picture}. */
    void decodeSample(byte[] sample) {
        int at = 0;
        int slices = 0;
        while (at < sample.length) {
            int len = ((sample[at] & 0xff) << 24)
                    | ((sample[at + 1] & 0xff) << 16)
                    | ((sample[at + 2] & 0xff) << 8)
                    | (sample[at + 3] & 0xff);
            decodeSlice(Arrays.copyOfRange(sample, at + 4, at + 4 + len));
            at += 4 + len;
            slices++;
        }
        assertThat(at).as("sample ends with its last NAL unit").isEqualTo(sample.length);
        assertThat(slices).as("slices per sample").isEqualTo(1);
        framesDecoded++;
    }

    private void decodeSlice(byte[] nal) {
        BitReader r = new BitReader(nal);
        int header = (int) r.u(8);
        boolean idr = (header & 0x1f) == 5;
        assertThat(header & 0x1f).as("nal_unit_type").isIn(1, 5);
        assertThat(idr).as("only the first frame is an IDR").isEqualTo(framesDecoded == 0);
        assertThat(header >> 5).as("nal_ref_idc (every frame is a reference)").isPositive();
        assertThat(r.ue()).as("first_mb_in_slice").isZero();
        int sliceType = r.ue() % 5;
        assertThat(sliceType).as("slice_type").isEqualTo(idr ? 2 : 0);
        assertThat(r.ue()).as("pic_parameter_set_id").isZero();
        assertThat(r.u(log2MaxFrameNum)).as("frame_num").isEqualTo(framesDecoded % (1L << log2MaxFrameNum));
        if (idr) {
            r.ue(); // idr_pic_id
        } else {
            assertThat(r.u(1)).as("num_ref_idx_active_override_flag").isZero();
            assertThat(r.u(1)).as("ref_pic_list_modification_flag_l0").isZero();
        }
        if (idr) {
            r.u(1);
            assertThat(r.u(1)).as("long_term_reference_flag").isZero();
        } else {
            assertThat(r.u(1)).as("adaptive_ref_pic_marking_mode_flag").isZero();
        }
        r.se(); // slice_qp_delta: no residual is ever coded
        assertThat(r.ue()).as("disable_deblocking_filter_idc").isEqualTo(1);

        reference = picture;
        picture = idr
                ? new byte[][] {
                    new byte[mbCols * mbRows * 256], new byte[mbCols * mbRows * 64], new byte[mbCols * mbRows * 64]
                }
                : new byte[][] {reference[0].clone(), reference[1].clone(), reference[2].clone()};
        int[] nN = new int[mbCols * mbRows];
        if (idr) {
            for (int addr = 0; addr < mbCols * mbRows; addr++) {
                intraMacroblock(r, r.ue(), addr, nN);
            }
        } else {
            int addr = 0;
            boolean more = true;
            while (more) {
                int skip = r.ue(); // P_Skip with a zero motion vector: the reference's samples, already copied
                assertThat(reference).as("P_Skip needs a reference picture").isNotNull();
                addr += skip;
                if (skip > 0 && !r.moreData()) {
                    break;
                }
                int mbType = r.ue();
                assertThat(mbType).as("mb_type in a P slice (I_PCM)").isEqualTo(30);
                intraMacroblock(r, mbType - 5, addr, nN);
                addr++;
                more = r.moreData();
            }
            assertThat(addr).as("macroblocks in the P slice").isEqualTo(mbCols * mbRows);
        }
        r.trailing();
    }

    private void intraMacroblock(BitReader r, int mbType, int addr, int[] nN) {
        int mbx = addr % mbCols;
        int mby = addr / mbCols;
        if (mbType == 25) { // I_PCM
            while (!r.aligned()) {
                assertThat(r.bit()).as("pcm_alignment_zero_bit").isZero();
            }
            for (int i = 0; i < 256; i++) {
                int v = (int) r.u(8);
                assertThat(v).as("PCM sample").isBetween(1, 255);
                set(0, mbx * 16 + i % 16, mby * 16 + i / 16, v);
            }
            for (int plane = 1; plane <= 2; plane++) {
                for (int i = 0; i < 64; i++) {
                    set(plane, mbx * 8 + i % 8, mby * 8 + i / 8, (int) r.u(8));
                }
            }
            nN[addr] = 16;
            return;
        }
        assertThat(mbType).as("mb_type (I_PCM or I_16x16_2_0_0)").isEqualTo(3);
        assertThat(r.ue()).as("intra_chroma_pred_mode (DC)").isZero();
        assertThat(r.se()).as("mb_qp_delta").isZero();
        boolean left = mbx > 0;
        boolean up = mby > 0;
        int nA = left ? nN[addr - 1] : 0;
        int nB = up ? nN[addr - mbCols] : 0;
        int nC = left && up ? (nA + nB + 1) >> 1 : left ? nA : up ? nB : 0;
        String token = nC < 2 ? "1" : nC < 4 ? "11" : nC < 8 ? "1111" : "000011";
        StringBuilder read = new StringBuilder();
        for (int i = 0; i < token.length(); i++) {
            read.append(r.bit());
        }
        assertThat(read.toString())
                .as("coeff_token for no coefficients at nC=%d", nC)
                .isEqualTo(token);
        nN[addr] = 0;
        // 8.3.3.3 Intra_16x16 DC prediction, then 8.3.4.1-3 chroma DC per 4x4 block; the residual is zero
        int sum = 0;
        for (int i = 0; i < 16; i++) {
            sum += (up ? get(0, mbx * 16 + i, mby * 16 - 1) : 0) + (left ? get(0, mbx * 16 - 1, mby * 16 + i) : 0);
        }
        int dc = left && up ? (sum + 16) >> 5 : left || up ? (sum + 8) >> 4 : 128;
        for (int i = 0; i < 256; i++) {
            set(0, mbx * 16 + i % 16, mby * 16 + i / 16, dc);
        }
        for (int plane = 1; plane <= 2; plane++) {
            for (int by = 0; by < 2; by++) {
                for (int bx = 0; bx < 2; bx++) {
                    int x0 = mbx * 8 + bx * 4;
                    int y0 = mby * 8 + by * 4;
                    int top = 0;
                    int lft = 0;
                    for (int i = 0; i < 4; i++) {
                        // the neighbours are the macroblock's: the row above it and the column left of it
                        top += up ? get(plane, x0 + i, mby * 8 - 1) : 0;
                        lft += left ? get(plane, mbx * 8 - 1, y0 + i) : 0;
                    }
                    int v;
                    if ((bx == 0 && by == 0) || (bx == 1 && by == 1)) {
                        v = left && up ? (top + lft + 4) >> 3 : left ? (lft + 2) >> 2 : up ? (top + 2) >> 2 : 128;
                    } else if (bx == 1) { // xO > 0, yO == 0
                        v = up ? (top + 2) >> 2 : left ? (lft + 2) >> 2 : 128;
                    } else { // xO == 0, yO > 0
                        v = left ? (lft + 2) >> 2 : up ? (top + 2) >> 2 : 128;
                    }
                    for (int i = 0; i < 16; i++) {
                        set(plane, x0 + i % 4, y0 + i / 4, v);
                    }
                }
            }
        }
    }

    private int stride(int plane) {
        return plane == 0 ? mbCols * 16 : mbCols * 8;
    }

    int get(int plane, int x, int y) {
        return picture[plane][y * stride(plane) + x] & 0xff;
    }

    private void set(int plane, int x, int y, int v) {
        picture[plane][y * stride(plane) + x] = (byte) v;
    }
}
