/**
 * Kling O3 video-to-video edit and reference models (standard, pro).
 *
 * <p>Not built yet: see the project's open issues.
 */
package dev.kling4j.v2v;
