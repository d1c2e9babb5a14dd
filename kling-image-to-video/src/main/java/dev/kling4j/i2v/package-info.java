/**
 * Kling O3 image-to-video models (standard, pro, 4k).
 *
 * <p>Not built yet: see the project's open issues.
 */
package dev.kling4j.i2v;
