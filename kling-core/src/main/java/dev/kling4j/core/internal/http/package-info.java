/**
 * Not API: the HTTP transport of kling4j (one OkHttp adapter and the auth, retry and logging layers,
 * composed in {@link dev.kling4j.core.internal.http.Transports}). Public only because other kling-core
 * packages use it; it may change in any release.
 */
package dev.kling4j.core.internal.http;
