package dev.kling4j.core.pricing;

/** Which rate of a price row an estimate used: an audio tier, or the video-input rate. */
public enum AudioTier {
    /** The audio-off rate of a tiered row. */
    AUDIO_OFF,
    /** The audio-on rate of a tiered row. */
    AUDIO_ON,
    /** The single rate of a flat row, audio on or off. */
    FLAT,
    /** The only rate of an endpoint without an audio tier. */
    NO_AUDIO_TIER,
    /** The video-input rate: an element of a reference-to-video request carries a video (sound off). */
    VIDEO_INPUT
}
