import type { VisitorId } from '../../domain/ids';

/** Rekognition's ExternalImageId: 1–255 characters of [a-zA-Z0-9_.-:]. */
export const EXTERNAL_IMAGE_ID_PATTERN = /^[a-zA-Z0-9_.\-:]{1,255}$/;

export class InvalidExternalImageIdError extends Error {
  constructor(visitorId: string) {
    super(
      `visitor id ${JSON.stringify(visitorId)} can't tag faces in Rekognition: an ExternalImageId is 1–255 characters of [a-zA-Z0-9_.-:]`,
    );
    this.name = 'InvalidExternalImageIdError';
  }
}

/**
 * The visitor's id tags each indexed face (ExternalImageId), which is how a match names the visitor without a
 * lookup table. Domain ids already use this alphabet; checking again here turns a bad cast into a clear error
 * before anything reaches AWS, instead of a ValidationException from deep inside an enrolment.
 * @throws InvalidExternalImageIdError for an id outside EXTERNAL_IMAGE_ID_PATTERN, before any call.
 */
export function externalImageIdFor(visitorId: VisitorId): string {
  if (!EXTERNAL_IMAGE_ID_PATTERN.test(visitorId)) throw new InvalidExternalImageIdError(visitorId);
  return visitorId;
}
