package dev.kling4j.core.catalog;

import java.math.BigDecimal;
import java.util.Set;

/**
 * The numeric limits that apply to every endpoint: durations, prompt length, media sizes and formats.
 *
 * @param promptMaxLength longest prompt accepted, in characters (fal advises 2,500)
 * @param durationMin shortest video duration, seconds
 * @param durationMax longest video duration, seconds
 * @param shotDurationMin shortest storyboard shot, seconds
 * @param shotDurationMax longest storyboard shot, seconds
 * @param shotsMin fewest shots in a storyboard
 * @param shotsMax most shots in a storyboard (Kling's limit: 6)
 * @param shotPromptMaxLength longest prompt of one storyboard shot, in characters (Kling's limit: 512)
 * @param imageFormats accepted image file extensions, lower case
 * @param imageMaxBytes largest image file
 * @param imageMinSidePx smallest image width or height, pixels
 * @param imageAspectMin smallest image width / height
 * @param imageAspectMax largest image width / height
 * @param videoFormats accepted video file extensions, lower case
 * @param videoMaxBytes largest video file
 * @param videoMinSeconds shortest source video, seconds
 * @param videoMaxSeconds longest source video, seconds
 * @param videoMinSidePx smallest video width or height, pixels
 * @param videoMaxSidePx largest video width or height, pixels
 * @param elementReferenceImagesMin fewest reference images in a full element (image elements may have none)
 * @param elementReferenceImagesMax most reference images in one element
 * @param videoMinFps lowest frame rate of a video input, frames per second (after rounding to a whole number)
 * @param videoMaxFps highest frame rate of a video input, frames per second (after rounding to a whole number)
 */
public record Limits(
        int promptMaxLength,
        int durationMin,
        int durationMax,
        int shotDurationMin,
        int shotDurationMax,
        int shotsMin,
        int shotsMax,
        int shotPromptMaxLength,
        Set<String> imageFormats,
        long imageMaxBytes,
        int imageMinSidePx,
        BigDecimal imageAspectMin,
        BigDecimal imageAspectMax,
        Set<String> videoFormats,
        long videoMaxBytes,
        int videoMinSeconds,
        int videoMaxSeconds,
        int videoMinSidePx,
        int videoMaxSidePx,
        int elementReferenceImagesMin,
        int elementReferenceImagesMax,
        int videoMinFps,
        int videoMaxFps) {

    /**
     * Copies the sets.
     *
     * @param promptMaxLength longest prompt accepted, in characters (fal advises 2,500)
     * @param durationMin shortest video duration, seconds
     * @param durationMax longest video duration, seconds
     * @param shotDurationMin shortest storyboard shot, seconds
     * @param shotDurationMax longest storyboard shot, seconds
     * @param shotsMin fewest shots in a storyboard
     * @param shotsMax most shots in a storyboard (Kling's limit: 6)
     * @param shotPromptMaxLength longest prompt of one storyboard shot, in characters (Kling's limit: 512)
     * @param imageFormats accepted image file extensions, lower case
     * @param imageMaxBytes largest image file
     * @param imageMinSidePx smallest image width or height, pixels
     * @param imageAspectMin smallest image width / height
     * @param imageAspectMax largest image width / height
     * @param videoFormats accepted video file extensions, lower case
     * @param videoMaxBytes largest video file
     * @param videoMinSeconds shortest source video, seconds
     * @param videoMaxSeconds longest source video, seconds
     * @param videoMinSidePx smallest video width or height, pixels
     * @param videoMaxSidePx largest video width or height, pixels
     * @param elementReferenceImagesMin fewest reference images in a full element (image elements may have none)
     * @param elementReferenceImagesMax most reference images in one element
     * @param videoMinFps lowest frame rate of a video input, frames per second (after rounding to a whole number)
     * @param videoMaxFps highest frame rate of a video input, frames per second (after rounding to a whole number)
     */
    public Limits {
        imageFormats = Set.copyOf(imageFormats);
        videoFormats = Set.copyOf(videoFormats);
    }
}
