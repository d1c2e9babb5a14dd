/**
 * The kling4j client for fal.ai's Kling O3 video models.
 *
 * <p>Start with {@link dev.kling4j.core.KlingClient}: build one per application and share it. The
 * subpackages hold the pieces it is made of: {@code queue} (submit, status, result, cancel),
 * {@code error} (the exception hierarchy), {@code catalog} (the endpoint table: which endpoint takes
 * which field, and the limits), and {@code internal} (not API: may change without notice).
 */
package dev.kling4j.core;
