package dev.kling4j.testkit;

import java.io.ByteArrayOutputStream;
import java.util.BitSet;

/**
 * The small subset of H.264 (ITU-T H.264, Constrained Baseline profile) the emulator writes, chosen so that
 * the decoded picture is exactly the rendered one and a frame costs little more than the macroblocks that
 * changed.
 *
 * <p>One slice per picture, CAVLC, frame macroblocks only, picture order count type 2 (output order is
 * decoding order), one reference frame, the deblocking filter disabled, 24 fps in the VUI. Three macroblock
 * kinds:
 * <ul>
 *   <li><b>I_PCM</b>: the samples themselves, lossless; every macroblock that is not plain background.</li>
 *   <li><b>I_16x16 with DC prediction and no residual</b> (IDR only): for a background macroblock whose left
 *       and upper neighbours end in background pixels. DC prediction averages those edge pixels (or takes
 *       128 where there are none, hence the first macroblock is I_PCM), so it reproduces the background
 *       exactly, in luma and chroma, with nothing to code but the zero DC coefficients (8 to 13 bits).</li>
 *   <li><b>P_Skip</b> (P frames): a copy of the same macroblock of the previous frame. Its motion vector is
 *       predicted from neighbours that are P_Skip (vector 0) or intra (vector 0, reference -1), so it is
 *       zero: the copy is exact.</li>
 * </ul>
 * A caller decides which macroblocks are I_PCM ({@code pcm}); all others are background (IDR) or unchanged
 * (P). The same methods run on a {@link Bits#counter()} to size a frame without its pixels.
 *
 * <p>No emulation prevention byte is ever needed in a slice: that takes 22 zero bits in a row, and the
 * longest run here is 21 (seven trailing zeros of a sample, at least 16 in limited range, then the 14
 * leading zeros of a skip run, which is why runs are kept at or below 32,766). {@link #nal} checks it.
 */
final class H264 {
    /** Luma samples per macroblock side. */
    static final int MB = 16;
    /** Bytes of one I_PCM macroblock's samples in 4:2:0: 256 luma, 64 Cb, 64 Cr. */
    static final int PCM_BYTES = 384;
    /** Frames per second, in the VUI and the container. */
    static final int FPS = 24;
    /** The longest mb_skip_run written (see the class comment). */
    static final int MAX_SKIP_RUN = 32766;
    /** frame_num's width: no wrap before 65,536 frames (45 minutes). */
    private static final int LOG2_MAX_FRAME_NUM = 16;

    private static final int MB_TYPE_I_PCM = 25;
    /** I_16x16_2_0_0: Intra16x16PredMode 2 (DC), coded block patterns 0. */
    private static final int MB_TYPE_I16X16_DC_NO_RESIDUAL = 3;
    /** In P slices the intra macroblock types follow the five inter ones. */
    private static final int P_INTRA_OFFSET = 5;
    /** BT.601 (SMPTE 170M) primaries, transfer and matrix: what the renderer converts with. */
    private static final int COLOUR_BT601 = 6;

    /** Where the samples of an I_PCM macroblock come from. */
    interface Samples {
        /**
         * Writes one macroblock's samples: 256 Y in rows, then 64 Cb and 64 Cr.
         *
         * @param mbx the macroblock's column
         * @param mby its row
         * @param out 384 bytes
         */
        void macroblock(int mbx, int mby, byte[] out);
    }

    final int width;
    final int height;
    final int mbCols;
    final int mbRows;
    final int mbs;

    /**
     * An encoder for pictures of one size.
     *
     * @param width even, at least 2
     * @param height even, at least 2
     */
    H264(int width, int height) {
        if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException(
                    "H.264 4:2:0 needs an even width and height, was " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.mbCols = (width + MB - 1) / MB;
        this.mbRows = (height + MB - 1) / MB;
        this.mbs = mbCols * mbRows;
    }

    /** The smallest level whose frame size and macroblock rate admit this size at 24 fps (Table A-1). */
    int level() {
        // {level_idc, MaxFS, MaxMBPS}
        int[][] levels = {
            {10, 99, 1485},
            {11, 396, 3000},
            {20, 396, 11880},
            {21, 792, 19800},
            {22, 1620, 20250},
            {30, 1620, 40500},
            {31, 3600, 108000},
            {32, 5120, 216000},
            {40, 8192, 245760},
            {42, 8704, 522240},
            {50, 22080, 589824},
            {51, 36864, 983040},
            {52, 36864, 2073600},
            {60, 139264, 4177920}
        };
        for (int[] l : levels) {
            double side = Math.sqrt(8.0 * l[1]);
            if (mbs <= l[1] && (long) mbs * FPS <= l[2] && mbCols <= side && mbRows <= side) {
                return l[0];
            }
        }
        return 62;
    }

    /** The sequence parameter set NAL unit (header byte included, emulation prevention applied). */
    byte[] sps() {
        Bits b = Bits.writer(64);
        b.u(8, 0x67); // nal_ref_idc 3, nal_unit_type 7
        b.u(8, 66); // profile_idc: Baseline
        b.u(8, 0xC0); // constraint_set0 and constraint_set1: Constrained Baseline
        b.u(8, level());
        b.ue(0); // seq_parameter_set_id
        b.ue(LOG2_MAX_FRAME_NUM - 4);
        b.ue(2); // pic_order_cnt_type
        b.ue(1); // max_num_ref_frames
        b.u(1, 0); // gaps_in_frame_num_value_allowed_flag
        b.ue(mbCols - 1);
        b.ue(mbRows - 1); // pic_height_in_map_units_minus1
        b.u(1, 1); // frame_mbs_only_flag
        b.u(1, 1); // direct_8x8_inference_flag
        int cropRight = (mbCols * MB - width) / 2; // in units of 2 luma samples (4:2:0)
        int cropBottom = (mbRows * MB - height) / 2;
        boolean crop = cropRight > 0 || cropBottom > 0;
        b.u(1, crop ? 1 : 0);
        if (crop) {
            b.ue(0);
            b.ue(cropRight);
            b.ue(0);
            b.ue(cropBottom);
        }
        b.u(1, 1); // vui_parameters_present_flag
        b.u(1, 1); // aspect_ratio_info_present_flag
        b.u(8, 1); // aspect_ratio_idc: square samples
        b.u(1, 0); // overscan_info_present_flag
        b.u(1, 1); // video_signal_type_present_flag
        b.u(3, 5); // video_format: unspecified
        b.u(1, 0); // video_full_range_flag: limited range
        b.u(1, 1); // colour_description_present_flag
        b.u(8, COLOUR_BT601);
        b.u(8, COLOUR_BT601);
        b.u(8, COLOUR_BT601);
        b.u(1, 0); // chroma_loc_info_present_flag
        b.u(1, 1); // timing_info_present_flag
        b.u(32, 1); // num_units_in_tick
        b.u(32, 2L * FPS); // time_scale: a frame is two ticks
        b.u(1, 1); // fixed_frame_rate_flag
        b.u(1, 0); // nal_hrd_parameters_present_flag
        b.u(1, 0); // vcl_hrd_parameters_present_flag
        b.u(1, 0); // pic_struct_present_flag
        b.u(1, 1); // bitstream_restriction_flag
        b.u(1, 1); // motion_vectors_over_pic_boundaries_flag
        b.ue(0); // max_bytes_per_pic_denom
        b.ue(0); // max_bits_per_mb_denom
        b.ue(15); // log2_max_mv_length_horizontal
        b.ue(15); // log2_max_mv_length_vertical
        b.ue(0); // max_num_reorder_frames: none, frames are output as decoded
        b.ue(1); // max_dec_frame_buffering
        b.trailing();
        return escape(b.buffer(), b.byteCount());
    }

    /** The picture parameter set NAL unit. */
    byte[] pps() {
        Bits b = Bits.writer(16);
        b.u(8, 0x68); // nal_ref_idc 3, nal_unit_type 8
        b.ue(0); // pic_parameter_set_id
        b.ue(0); // seq_parameter_set_id
        b.u(1, 0); // entropy_coding_mode_flag: CAVLC
        b.u(1, 0); // bottom_field_pic_order_in_frame_present_flag
        b.ue(0); // num_slice_groups_minus1
        b.ue(0); // num_ref_idx_l0_default_active_minus1
        b.ue(0); // num_ref_idx_l1_default_active_minus1
        b.u(1, 0); // weighted_pred_flag
        b.u(2, 0); // weighted_bipred_idc
        b.se(0); // pic_init_qp_minus26
        b.se(0); // pic_init_qs_minus26
        b.se(0); // chroma_qp_index_offset
        b.u(1, 1); // deblocking_filter_control_present_flag: slices say "off"
        b.u(1, 0); // constrained_intra_pred_flag
        b.u(1, 0); // redundant_pic_cnt_present_flag
        b.trailing();
        return escape(b.buffer(), b.byteCount());
    }

    /**
     * Writes (or counts) the IDR picture's slice NAL unit, header byte included.
     *
     * @param pcm the macroblocks to code as I_PCM (by address, raster order); the first always is
     * @param samples their samples; unused on a counter
     * @param out the RBSP
     */
    void idr(BitSet pcm, Samples samples, Bits out) {
        out.u(8, 0x65); // nal_ref_idc 3, nal_unit_type 5
        out.ue(0); // first_mb_in_slice
        out.ue(7); // slice_type: I, as every slice of the picture
        out.ue(0); // pic_parameter_set_id
        out.u(LOG2_MAX_FRAME_NUM, 0); // frame_num
        out.ue(0); // idr_pic_id
        out.u(1, 0); // no_output_of_prior_pics_flag
        out.u(1, 0); // long_term_reference_flag
        out.se(0); // slice_qp_delta
        out.ue(1); // disable_deblocking_filter_idc: off
        // nN of the 4x4 blocks next to a macroblock's first one (9.2.1): 16 for I_PCM, 0 for an I_16x16
        // macroblock with no AC coefficients; -1 where there is no neighbour.
        int[] above = new int[mbCols];
        byte[] scratch = new byte[PCM_BYTES];
        for (int mby = 0; mby < mbRows; mby++) {
            int left = -1;
            for (int mbx = 0; mbx < mbCols; mbx++) {
                int addr = mby * mbCols + mbx;
                int n;
                if (addr == 0 || pcm.get(addr)) {
                    out.ue(MB_TYPE_I_PCM);
                    pcmSamples(mbx, mby, samples, scratch, out);
                    n = 16;
                } else {
                    out.ue(MB_TYPE_I16X16_DC_NO_RESIDUAL);
                    out.ue(0); // intra_chroma_pred_mode: DC
                    out.se(0); // mb_qp_delta
                    zeroCoeffToken(nC(left, mby > 0 ? above[mbx] : -1), out); // Intra16x16DCLevel: no coefficients
                    n = 0;
                }
                left = n;
                above[mbx] = n;
            }
        }
        out.trailing();
    }

    /**
     * Writes (or counts) a P picture's slice NAL unit: P_Skip everywhere except the I_PCM macroblocks.
     *
     * @param frame the frame's index in decoding order (its frame_num, modulo 2^16)
     * @param pcm the changed macroblocks' addresses (raster order), to code as I_PCM: ascending, no repeats
     * @param count how many of {@code pcm} count
     * @param samples their samples; unused on a counter
     * @param out the RBSP
     */
    void p(int frame, int[] pcm, int count, Samples samples, Bits out) {
        out.u(8, 0x41); // nal_ref_idc 2, nal_unit_type 1
        out.ue(0); // first_mb_in_slice
        out.ue(5); // slice_type: P, as every slice of the picture
        out.ue(0); // pic_parameter_set_id
        out.u(LOG2_MAX_FRAME_NUM, frame & ((1 << LOG2_MAX_FRAME_NUM) - 1));
        out.u(1, 0); // num_ref_idx_active_override_flag
        out.u(1, 0); // ref_pic_list_modification_flag_l0
        out.u(1, 0); // adaptive_ref_pic_marking_mode_flag: sliding window
        out.se(0); // slice_qp_delta
        out.ue(1); // disable_deblocking_filter_idc: off
        int addr = 0; // the first macroblock not coded yet
        byte[] scratch = new byte[PCM_BYTES];
        for (int i = 0; i <= count; i++) {
            int next = i < count ? pcm[i] : mbs;
            int run = next - addr;
            while (run > MAX_SKIP_RUN) {
                // A run this long could need an emulation prevention byte: break it with an (unchanged)
                // macroblock coded as I_PCM.
                int forced = addr + MAX_SKIP_RUN;
                out.ue(MAX_SKIP_RUN);
                pcmMacroblock(forced, samples, scratch, out);
                addr = forced + 1;
                run = next - addr;
            }
            if (next == mbs) {
                if (run > 0) {
                    out.ue(run);
                }
                break;
            }
            out.ue(run); // mb_skip_run, 0 included: it precedes every coded macroblock
            pcmMacroblock(next, samples, scratch, out);
            addr = next + 1;
        }
        out.trailing();
    }

    private void pcmMacroblock(int addr, Samples samples, byte[] scratch, Bits out) {
        out.ue(P_INTRA_OFFSET + MB_TYPE_I_PCM);
        pcmSamples(addr % mbCols, addr / mbCols, samples, scratch, out);
    }

    private static void pcmSamples(int mbx, int mby, Samples samples, byte[] scratch, Bits out) {
        out.alignZero(); // pcm_alignment_zero_bit
        if (!out.counting()) {
            samples.macroblock(mbx, mby, scratch);
        }
        out.bytes(scratch, 0, PCM_BYTES);
    }

    /** nC of 9.2.1 from the neighbours' nN (-1: not available). */
    private static int nC(int a, int b) {
        if (a >= 0 && b >= 0) {
            return (a + b + 1) >> 1;
        }
        return a >= 0 ? a : Math.max(b, 0);
    }

    /** coeff_token for TotalCoeff 0, TrailingOnes 0 in the table nC selects (Table 9-5). */
    private static void zeroCoeffToken(int nC, Bits out) {
        if (nC < 2) {
            out.u(1, 0b1);
        } else if (nC < 4) {
            out.u(2, 0b11);
        } else if (nC < 8) {
            out.u(4, 0b1111);
        } else {
            out.u(6, 0b000011);
        }
    }

    /**
     * A slice's NAL unit from its RBSP. Slices never need emulation prevention (see the class comment); if
     * one ever did, the bytes written would differ from the count, and the caller fails loudly on that.
     */
    static byte[] nal(Bits rbsp) {
        return escape(rbsp.buffer(), rbsp.byteCount());
    }

    /** Inserts emulation prevention bytes (7.4.1): 0x000000..0x000003 become 0x00000300..0x00000303. */
    static byte[] escape(byte[] rbsp, int n) {
        int zeros = 0;
        boolean needed = false;
        for (int i = 0; i < n && !needed; i++) {
            int v = rbsp[i] & 0xff;
            needed = zeros >= 2 && v <= 3;
            zeros = v == 0 ? zeros + 1 : 0;
        }
        if (!needed) {
            return java.util.Arrays.copyOf(rbsp, n);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 16);
        zeros = 0;
        for (int i = 0; i < n; i++) {
            int v = rbsp[i] & 0xff;
            if (zeros >= 2 && v <= 3) {
                out.write(3);
                zeros = 0;
            }
            out.write(v);
            zeros = v == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }
}
