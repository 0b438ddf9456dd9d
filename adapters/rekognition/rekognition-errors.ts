import { RecognizerUnavailableError } from '../../domain/errors';
import type { UnreadablePhotoReason } from '../../domain/face';
import { errorMessage, errorName, httpStatus } from '../aws/sdk-error';

/** How Rekognition's failures read to the doorbell. */

/** Overload or an outage: the same request may well succeed later, so the ring workflow retries it. */
const TRANSIENT_ERROR_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
/** The connection failed before Rekognition answered (reset, DNS hiccup): as transient as a 503. */
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

export function isTransient(error: unknown): boolean {
  const status = httpStatus(error);
  const code = typeof error === 'object' && error !== null ? (error as { readonly code?: unknown }).code : undefined;
  return (
    TRANSIENT_ERROR_NAMES.has(errorName(error) ?? '') ||
    (status !== undefined && (status >= 500 || status === 429)) ||
    (typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code))
  );
}

export function unavailable(operation: string, error: unknown): RecognizerUnavailableError {
  return new RecognizerUnavailableError(
    `Rekognition ${operation} failed transiently (${errorName(error) ?? 'unknown error'}); retry later`,
    {
      cause: error,
    },
  );
}

export const isMissingCollection = (error: unknown): boolean => errorName(error) === 'ResourceNotFoundException';

export const isExistingCollection = (error: unknown): boolean => errorName(error) === 'ResourceAlreadyExistsException';

/** What a rejected image says about the photo, when the rejection is about the photo at all. */
export type PhotoVerdict = { readonly kind: 'no-face' } | { readonly kind: 'unreadable'; readonly reason: UnreadablePhotoReason };

/**
 * ImageTooLarge / InvalidImageFormat describe the photo; InvalidParameterException does only when its message says
 * the image has no face (SearchFacesByImage: "There are no faces in the image. Should be at least 1."). Any other
 * InvalidParameterException is a bug in the request, not a property of the photo, so it is not a verdict.
 */
export function photoVerdict(error: unknown): PhotoVerdict | undefined {
  switch (errorName(error)) {
    case 'ImageTooLargeException':
      return { kind: 'unreadable', reason: 'too-large' };
    case 'InvalidImageFormatException':
      return { kind: 'unreadable', reason: 'bad-format' };
    case 'InvalidParameterException':
      return saysNoFace(error) ? { kind: 'no-face' } : undefined;
    default:
      return undefined;
  }
}

function saysNoFace(error: unknown): boolean {
  return /\bno faces?\b/i.test(errorMessage(error) ?? '');
}
