import { MAX_MESSAGE_BYTES } from '../api-gateway/message-payload';
import { ringId } from '../../domain/ids';
import { historyMessage, type HistoryMessage, type RingSummary } from '../../domain/protocol/server-messages';
import type { RingCursor } from '../../domain/ring';

/**
 * A history page as one WebSocket message. A hundred rings with presigned snapshot links (which carry the Lambda's
 * session token, over a kilobyte each) can exceed API Gateway's 128 KB: the page is then cut after the last ring
 * that fits, and `next` points just after it, so the device pages on and misses nothing.
 */
export function fitHistory(rings: readonly RingSummary[], next: RingCursor | undefined, maxBytes = MAX_MESSAGE_BYTES): HistoryMessage {
  const whole = historyMessage(rings, next);
  if (byteLength(whole) <= maxBytes) return whole;
  // Room for the envelope with the longest `next` we could add; then as many rings as fit, in order.
  let budget = maxBytes - byteLength(historyMessage([], { at: Number.MAX_SAFE_INTEGER, ringId: ringId('x'.repeat(128)) }));
  let kept = 0;
  for (const ring of rings) {
    budget -= byteLength(ring) + (kept > 0 ? 1 : 0);
    if (budget < 0) break;
    kept++;
  }
  if (kept === 0) {
    // A ring too large to send on its own (not seen in practice): step past it rather than ask for it forever.
    return historyMessage([], cursorOf(rings[0]!));
  }
  return historyMessage(rings.slice(0, kept), cursorOf(rings[kept - 1]!));
}

function cursorOf(ring: RingSummary): RingCursor {
  return { at: Date.parse(ring.at), ringId: ringId(ring.ringId) };
}

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
