/**
 * Kling O3 reference-to-video: a video from elements (characters, objects: {@code @Element1}…), reference
 * images ({@code @Image1}…) and optional start and end frames, in the standard, pro and 4k tiers. Start
 * with {@link dev.kling4j.ref.ReferenceToVideo} and {@link dev.kling4j.ref.ReferenceToVideoRequest}.
 */
package dev.kling4j.ref;
