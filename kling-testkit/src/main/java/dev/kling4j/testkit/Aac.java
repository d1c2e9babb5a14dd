package dev.kling4j.testkit;

/**
 * Silent AAC-LC (ISO/IEC 14496-3), mono at 48 kHz: the emulator's audio track. A frame is one
 * single_channel_element whose long window has no scale factor bands ({@code max_sfb = 0}), so it codes no
 * spectrum at all and decodes to 1,024 samples of silence, then the END element: 32 bits.
 */
final class Aac {
    static final int SAMPLE_RATE = 48_000;
    /** Samples per AAC frame. */
    static final int FRAME_SAMPLES = 1024;

    private static final byte[] SILENT_FRAME = silentFrame();

    private Aac() {}

    /** AudioSpecificConfig: AAC LC (object type 2), 48 kHz (index 3), one channel, plain GASpecificConfig. */
    static byte[] audioSpecificConfig() {
        Bits b = Bits.writer(2);
        b.u(5, 2); // audioObjectType: AAC LC
        b.u(4, 3); // samplingFrequencyIndex: 48000
        b.u(4, 1); // channelConfiguration: mono
        b.u(1, 0); // frameLengthFlag: 1024 samples
        b.u(1, 0); // dependsOnCoreCoder
        b.u(1, 0); // extensionFlag
        return b.toByteArray();
    }

    /** One frame of silence (a raw_data_block). */
    static byte[] silence() {
        return SILENT_FRAME.clone();
    }

    static int frameBytes() {
        return SILENT_FRAME.length;
    }

    private static byte[] silentFrame() {
        Bits b = Bits.writer(4);
        b.u(3, 0); // id_syn_ele: ID_SCE
        b.u(4, 0); // element_instance_tag
        b.u(8, 100); // global_gain: unused, no band carries a scale factor
        b.u(1, 0); // ics_reserved_bit
        b.u(2, 0); // window_sequence: ONLY_LONG_SEQUENCE
        b.u(1, 0); // window_shape
        b.u(6, 0); // max_sfb: no bands, hence no section, scale factor or spectral data
        b.u(1, 0); // predictor_data_present
        b.u(1, 0); // pulse_data_present
        b.u(1, 0); // tns_data_present
        b.u(1, 0); // gain_control_data_present
        b.u(3, 7); // id_syn_ele: ID_END
        b.alignZero();
        return b.toByteArray();
    }
}
