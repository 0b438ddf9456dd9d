import type { RingMessage } from '../../domain/protocol/server-messages';

/**
 * The Web Push payload the server sends for a ring, in the shape docs/protocol.md documents ("Web Push"), made from
 * the ring message a resident device received: what the tests deliver to the service worker.
 */
export function ringPushPayload(ring: RingMessage): string {
  return JSON.stringify({
    type: 'ring',
    version: ring.version,
    ringId: ring.ringId,
    at: ring.at,
    outcome: ring.outcome,
    text: ring.text,
    visitors: ring.visitors.map(({ name }) => ({ name })),
    unknownFaces: ring.unknownFaces,
    ...(ring.snapshotUrl === undefined ? {} : { snapshotUrl: ring.snapshotUrl }),
    answerBy: ring.answerableUntil,
    quickReplies: ['Coming', 'Leave it at the door'],
    url: `/dashboard/#ring=${ring.ringId}`,
  });
}
