/**
 * Kling O3 text-to-video: a video from a prompt or a storyboard alone, in the standard, pro and 4k tiers.
 * Start with {@link dev.kling4j.t2v.TextToVideo} and {@link dev.kling4j.t2v.TextToVideoRequest}.
 */
package dev.kling4j.t2v;
