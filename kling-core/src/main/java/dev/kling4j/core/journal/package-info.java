/**
 * A journal of submitted requests, so that nothing paid for is lost: each request id is recorded the moment
 * fal returns it, and a later process can list, resume or cancel it. {@link dev.kling4j.core.journal.FileRequestJournal}
 * keeps one small JSON file per request; the API key is never part of an entry.
 */
package dev.kling4j.core.journal;
