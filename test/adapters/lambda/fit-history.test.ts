import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitHistory } from '../../../adapters/lambda/fit-history';
import { MAX_MESSAGE_BYTES } from '../../../adapters/api-gateway/message-payload';
import { ringId } from '../../../domain/ids';
import type { RingSummary } from '../../../domain/protocol/server-messages';
import { T0 } from '../../support/builders';

/** A ring summary whose snapshot link is `linkBytes` long, like a presigned URL with a session token. */
function summary(index: number, linkBytes = 1_500): RingSummary {
  return {
    ringId: `ring-${index}`,
    doorbellId: 'camera-1',
    doorName: 'front door',
    at: new Date(T0 - index * 60_000).toISOString(),
    outcome: 'unknown',
    visitors: [],
    unknownFaces: 1,
    text: 'An unknown visitor is at the front door',
    snapshotUrl: `https://photos.s3.eu-west-1.amazonaws.com/rings/x.jpg?X-Amz-Security-Token=${'t'.repeat(linkBytes)}`,
    answerableUntil: new Date(T0 - index * 60_000 + 60_000).toISOString(),
  };
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('fitHistory', () => {
  it('keeps a page that fits as it is', () => {
    const rings = [summary(1), summary(2)];
    const next = { at: T0 - 120_000, ringId: ringId('ring-2') };
    expect(fitHistory(rings, next)).toEqual({ type: 'history', version: 1, rings, next });
    expect(fitHistory(rings, undefined)).not.toHaveProperty('next');
  });

  it('cuts a hundred rings with long links under 128 KB, continuing right after the last one kept', () => {
    const rings = Array.from({ length: 100 }, (_, i) => summary(i + 1));
    expect(bytes({ rings })).toBeGreaterThan(MAX_MESSAGE_BYTES);

    const page = fitHistory(rings, undefined);

    expect(bytes(page)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(page.rings).toEqual(rings.slice(0, page.rings.length));
    const last = page.rings.at(-1)!;
    expect(page.next).toEqual({ at: Date.parse(last.at), ringId: last.ringId });
  });

  it('always fits, keeps a prefix, and points after what it kept', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 100 }),
        fc.integer({ min: 2_000, max: MAX_MESSAGE_BYTES }),
        (links, max) => {
          const rings = links.map((link, i) => summary(i + 1, link));
          const page = fitHistory(rings, { at: 1, ringId: ringId('older') }, max);
          expect(page.rings).toEqual(rings.slice(0, page.rings.length));
          if (page.rings.length === rings.length) expect(page.next).toEqual({ at: 1, ringId: 'older' });
          else {
            expect(bytes(page)).toBeLessThanOrEqual(max);
            const last = rings[Math.max(0, page.rings.length - 1)]!;
            expect(page.next).toEqual({ at: Date.parse(last.at), ringId: last.ringId });
          }
        },
      ),
    );
  });
});
