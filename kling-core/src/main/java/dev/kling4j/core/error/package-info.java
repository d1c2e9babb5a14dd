/**
 * The kling4j exception tree. Every exception is unchecked and extends
 * {@link dev.kling4j.core.error.KlingException}, in one of four groups:
 * {@link dev.kling4j.core.error.RequestNotSentException} (refused before anything reached fal: nothing
 * sent, nothing spent), {@link dev.kling4j.core.error.KlingTransportException} (fal could not be reached
 * or did not answer, after retries), {@link dev.kling4j.core.error.FalServiceException} (fal answered with
 * an error status, or with a body kling4j cannot read) and {@link dev.kling4j.core.error.JobOutcomeException}
 * (the job failed, ran out of time, or may exist unseen). The one exception outside the tree is
 * {@link dev.kling4j.core.error.JobCancelledException}, a {@link java.util.concurrent.CancellationException}
 * so that a cancelled future reports {@code isCancelled()}. {@code requestId()} names fal's request
 * wherever there is one, and every message names it too.
 */
package dev.kling4j.core.error;
