/**
 * The protocol's limits, stated once: the schemas (client-messages.ts), the frame parser and the use cases that
 * apply them all read them from here, and docs/protocol.md quotes them.
 */

/** API Gateway's WebSocket frame limit; the local gateway may let more through, so the server checks it too. */
export const MAX_FRAME_BYTES = 128 * 1024;
/** Our messages nest two levels; anything much deeper is not one of them and is refused before parsing. */
export const MAX_NESTING = 16;
/** The largest `history` page a device may ask for. */
export const MAX_HISTORY_LIMIT = 100;
/** Photos in one enrollment, over the protocol or the operator API (a frame holds about one downsized photo). */
export const MAX_PHOTOS_PER_ENROLLMENT = 20;
/** Generous bounds on raw strings, so nothing huge reaches a use case; the use cases apply the real rules. */
export const MAX_REPLY_CHARS = 1_024;
export const MAX_CODE_CHARS = 64;
export const MAX_RING_ID_CHARS = 256;
/** A webhook's `url` and id as sent (AddWebhook then allows http(s) URLs of at most 2,048 characters). */
export const MAX_WEBHOOK_URL_CHARS = 4_096;
export const MAX_WEBHOOK_ID_CHARS = 256;
