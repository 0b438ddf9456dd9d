/** API Gateway closes a connection idle for 10 minutes; a ping every 5 keeps it open. */
export const KEEP_ALIVE_MS = 5 * 60_000;
/** A ping unanswered for this long means the connection is dead though the browser hasn't noticed: reconnect. */
export const PONG_TIMEOUT_MS = 20_000;
