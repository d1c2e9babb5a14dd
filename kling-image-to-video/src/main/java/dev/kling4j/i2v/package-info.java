/**
 * Kling O3 image-to-video: a start image (and optionally an end image) animated by a prompt or a
 * storyboard, in the standard, pro and 4k tiers. Start with {@link dev.kling4j.i2v.ImageToVideo} and
 * {@link dev.kling4j.i2v.ImageToVideoRequest}.
 */
package dev.kling4j.i2v;
