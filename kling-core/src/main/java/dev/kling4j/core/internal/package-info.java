/** Not API: internals of kling-core shared between its packages. May change in any release. */
package dev.kling4j.core.internal;
