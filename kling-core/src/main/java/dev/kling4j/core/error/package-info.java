/**
 * The kling4j exception hierarchy. Every exception is unchecked and extends
 * {@link dev.kling4j.core.error.KlingException}. Service errors (fal answered with an error status) extend
 * {@link dev.kling4j.core.error.KlingServiceException}; client-side failures (fal never answered) are
 * {@link dev.kling4j.core.error.KlingConnectionException} and
 * {@link dev.kling4j.core.error.KlingTimeoutException}.
 */
package dev.kling4j.core.error;
