/** A VAPID subject (RFC 8292 §2.1): who runs the server, for push services to reach: a `mailto:` address or an `https:` URL. */
export const VAPID_SUBJECT_PATTERN = /^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/;

/** The subject used when none is configured: says a doorbell sent it without naming anyone. */
export const DEFAULT_VAPID_SUBJECT = 'mailto:doorbell@example.com';
