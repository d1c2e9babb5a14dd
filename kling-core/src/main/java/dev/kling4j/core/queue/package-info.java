/**
 * fal's queue: {@link dev.kling4j.core.queue.QueueClient} submits jobs, reads their status and results,
 * cancels them and waits for them (status stream first, polling as fallback, no thread per job).
 */
package dev.kling4j.core.queue;
