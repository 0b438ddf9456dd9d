import type { FaceId, HouseholdId, VisitorId } from './ids';
import type { Instant } from './time';

/** Someone the household enrolled: known by name, recognized by their enrolled faces. */
export interface Visitor {
  readonly id: VisitorId;
  readonly householdId: HouseholdId;
  readonly name: string;
  /** Trusted visitors are given a one-time access code when they ring. */
  readonly trusted: boolean;
  readonly faceIds: readonly FaceId[];
  readonly enrolledAt: Instant;
}

export const MAX_VISITOR_NAME_LENGTH = 64;

export class InvalidVisitorNameError extends Error {
  constructor(reason: string) {
    super(`Invalid visitor name: ${reason}`);
    this.name = 'InvalidVisitorNameError';
  }
}

/** A display name, tidied: trimmed, inner whitespace collapsed, Unicode-normalized. Throws on an unusable name. */
export function visitorName(raw: string): string {
  const name = raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (name.length === 0) throw new InvalidVisitorNameError('it is empty');
  if (name.length > MAX_VISITOR_NAME_LENGTH) {
    throw new InvalidVisitorNameError(`it is longer than ${MAX_VISITOR_NAME_LENGTH} characters`);
  }
  // Control characters would corrupt the human text of notifications and terminal output.
  if (/\p{Cc}/u.test(name)) throw new InvalidVisitorNameError('it contains control characters');
  return name;
}

/** Names are unique per household regardless of case and spacing: "alice " and "Alice" are one visitor. */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/**
 * The comparison key of a name: spacing collapsed and case folded. Upper-then-lower casing folds what plain
 * lower-casing misses ("Strauß" = "STRAUSS"); the dot that lower-casing "İ" leaves behind is dropped ("İpek" = "ipek").
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .replace(/\s+/gu, ' ')
    .trim()
    .toUpperCase()
    .toLowerCase()
    .replace(/i\u0307/gu, 'i')
    .normalize('NFC');
}

export function withFaces(visitor: Visitor, added: readonly FaceId[]): Visitor {
  const faceIds = [...new Set([...visitor.faceIds, ...added])];
  return { ...visitor, faceIds };
}
