import type { FaceMatch, FaceScan, UnreadablePhotoReason } from './face';
import type { VisitorId } from './ids';
import type { Visitor } from './visitor';

/** A visitor recognized in a ring photo, with the similarity of their best-matching face. */
export interface IdentifiedVisitor {
  readonly visitorId: VisitorId;
  readonly name: string;
  readonly trusted: boolean;
  readonly similarity: number;
}

/**
 * Why nobody was identified. `no-camera`: the doorbell rang without a camera (its photo is a card, never scanned),
 * so the household hears "Someone is at the front door" like any other ring nobody could be identified on.
 */
export type UnavailableReason = UnreadablePhotoReason | 'recognizer-unavailable' | 'no-camera';

/** Who is at the door: the outcome of a ring. */
export type Identification =
  | { readonly kind: 'known'; readonly visitors: readonly IdentifiedVisitor[]; readonly unknownFaces: number }
  | { readonly kind: 'unknown'; readonly unknownFaces: number }
  | { readonly kind: 'no-face' }
  | { readonly kind: 'unavailable'; readonly reason: UnavailableReason };

export type Outcome = Identification['kind'];
export const OUTCOMES: readonly Outcome[] = ['known', 'unknown', 'no-face', 'unavailable'];

/** Rekognition's own default is 80; a doorbell that names the wrong person is worse than one that says "unknown". */
export const DEFAULT_MATCH_THRESHOLD = 90;

/**
 * The identification policy.
 * - Each detected face is matched to its best candidate (ties: lowest visitor id) at or above the threshold, among the household's own
 *   visitors only: a candidate that is not one of `householdVisitors` (another household's, or forgotten) never counts.
 * - A visitor matched by several faces is named once, with their best similarity.
 * - Faces without such a match are unknown visitors.
 * Visitors are ordered by similarity (best first), then name, so the text is stable.
 */
export function identify(
  scan: FaceScan,
  householdVisitors: readonly Visitor[],
  threshold: number = DEFAULT_MATCH_THRESHOLD,
): Identification {
  if (scan.kind === 'no-face') return { kind: 'no-face' };
  if (scan.kind === 'unreadable') return { kind: 'unavailable', reason: scan.reason };
  if (scan.faces.length === 0) return { kind: 'no-face' };

  const visitorsById = new Map(householdVisitors.map((visitor) => [visitor.id, visitor]));
  const best = new Map<VisitorId, IdentifiedVisitor>();
  let unknownFaces = 0;

  for (const face of scan.faces) {
    const match = face.matches
      .filter((candidate) => candidate.similarity >= threshold && visitorsById.has(candidate.visitorId))
      .reduce<(typeof face.matches)[number] | undefined>(
        (top, candidate) => (top === undefined || outranks(candidate, top) ? candidate : top),
        undefined,
      );
    if (match === undefined) {
      unknownFaces += 1;
      continue;
    }
    const visitor = visitorsById.get(match.visitorId)!;
    const previous = best.get(visitor.id);
    if (previous === undefined || match.similarity > previous.similarity) {
      best.set(visitor.id, {
        visitorId: visitor.id,
        name: visitor.name,
        trusted: visitor.trusted,
        similarity: match.similarity,
      });
    }
  }

  if (best.size === 0) return { kind: 'unknown', unknownFaces };
  const visitors = [...best.values()].sort((a, b) => b.similarity - a.similarity || a.name.localeCompare(b.name, 'en'));
  return { kind: 'known', visitors, unknownFaces };
}

/** Higher similarity wins; a tie goes to the lower visitor id, so the order of candidates never matters. */
function outranks(a: FaceMatch, b: FaceMatch): boolean {
  return a.similarity > b.similarity || (a.similarity === b.similarity && a.visitorId < b.visitorId);
}

/** Trusted visitors recognized in the ring: they are the ones who get an access code. */
export function trustedVisitors(identification: Identification): readonly IdentifiedVisitor[] {
  return identification.kind === 'known' ? identification.visitors.filter((v) => v.trusted) : [];
}
