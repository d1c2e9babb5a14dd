/**
 * Receiving fal's webhooks: {@link dev.kling4j.core.webhook.WebhookVerifier} checks a delivery's Ed25519
 * signature and timestamp, {@link dev.kling4j.core.webhook.WebhookEvent} reads it, and
 * {@link dev.kling4j.core.webhook.DeliveryDeduplicator} makes handlers run once per request although fal
 * delivers up to 10 times.
 */
package dev.kling4j.core.webhook;
