import * as v from 'valibot';
import { MAX_PHOTOS_PER_ENROLLMENT } from '../../application/enroll';

/**
 * The visitor actions of resident devices (device → server): list, enroll with photos, forget. They let the
 * dashboard manage visitors against a deployed stack, where the operator's admin API does not exist.
 * Photos travel base64 in the frame, so a frame (128 KB) holds about one downsized photo; enrolling an existing
 * name adds photos, so a device sends one `enroll` per photo.
 */
export type VisitorMessage =
  | { readonly action: 'visitors' }
  | { readonly action: 'enroll'; readonly name: string; readonly trusted?: boolean; readonly photos: readonly Uint8Array[] }
  | { readonly action: 'forget'; readonly name: string };

export const VISITOR_SCHEMAS = {
  visitors: v.strictObject({ action: v.literal('visitors') }),
  enroll: v.strictObject({
    action: v.literal('enroll'),
    // The name's rules (length, characters) are Enroll's to judge; here only the type.
    name: v.string(),
    trusted: v.optional(v.boolean()),
    photos: v.pipe(v.array(v.pipe(v.string(), v.base64())), v.minLength(1), v.maxLength(MAX_PHOTOS_PER_ENROLLMENT)),
  }),
  forget: v.strictObject({ action: v.literal('forget'), name: v.pipe(v.string(), v.minLength(1)) }),
} as const;

type Parsed = v.InferOutput<(typeof VISITOR_SCHEMAS)[keyof typeof VISITOR_SCHEMAS]>;

/** The validated frame as the message the handler acts on (photos decoded). */
export function toVisitorMessage(data: Parsed): VisitorMessage {
  switch (data.action) {
    case 'visitors':
      return { action: 'visitors' };
    case 'forget':
      return { action: 'forget', name: data.name };
    case 'enroll':
      return {
        action: 'enroll',
        name: data.name,
        ...(data.trusted === undefined ? {} : { trusted: data.trusted }),
        photos: data.photos.map((photo) => new Uint8Array(Buffer.from(photo, 'base64'))),
      };
  }
}
