package dev.kling4j.core.pricing;

/** How a price row treats {@code generate_audio}. */
public enum AudioPricing {
    /** Two rates: one with audio off, a higher one with audio on. */
    TIERED,
    /** One rate whether audio is on or off (the 4k tier). */
    FLAT,
    /** The endpoint has no audio tier (video-to-video): only the audio-off rate exists. */
    NONE
}
