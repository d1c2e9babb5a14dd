/**
 * Running a generation: check the inputs, estimate the cost, refuse it over budget, upload local media,
 * submit, wait, fetch and download the video.
 *
 * <p>{@link dev.kling4j.core.job.JobRunner} is the one implementation of that flow; every model's
 * {@code generate}, {@code generateAsync} and {@code submit} go through it. A {@link
 * dev.kling4j.core.job.VideoJob} is the handle of a submitted request (its request id is never lost), and a
 * {@link dev.kling4j.core.job.VideoResult} the finished video.
 */
package dev.kling4j.core.job;
