/**
 * Kling O3 video-to-video, in the standard and pro tiers: {@link dev.kling4j.v2v.VideoEdit} changes a source
 * video ({@code @Video1}) as a prompt says; {@link dev.kling4j.v2v.VideoReference} makes a new video based on
 * one, with its own aspect ratio and duration. Both take image elements and reference images.
 */
package dev.kling4j.v2v;
