/**
 * Kling O3 text-to-video models (standard, pro, 4k).
 *
 * <p>Not built yet: see the project's open issues.
 */
package dev.kling4j.t2v;
