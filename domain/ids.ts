/**
 * Identifiers of the domain. Branded strings: a DeviceId can't be passed where a HouseholdId is expected.
 * Every id we mint is restricted to `[A-Za-z0-9_.\-:]` (1–128 chars) because ids travel into S3 keys, DynamoDB
 * keys and Rekognition's ExternalImageId, which accepts exactly that alphabet. Connection ids are API Gateway's.
 */
declare const brand: unique symbol;
type Id<Name extends string> = string & { readonly [brand]: Name };

export type HouseholdId = Id<'HouseholdId'>;
export type DeviceId = Id<'DeviceId'>;
export type ConnectionId = Id<'ConnectionId'>;
export type VisitorId = Id<'VisitorId'>;
export type RingId = Id<'RingId'>;
export type FaceId = Id<'FaceId'>;

export const ID_PATTERN = /^[A-Za-z0-9_.\-:]{1,128}$/;
/** API Gateway mints connection ids, base64 with padding (`L0SM9cOFvHcCIhw=`); they never enter keys or Rekognition. */
export const CONNECTION_ID_PATTERN = /^[A-Za-z0-9_.\-:=+/]{1,128}$/;

export class InvalidIdError extends Error {
  constructor(kind: string, value: unknown) {
    super(`${kind} must be 1–128 characters of [A-Za-z0-9_.-:${kind === 'ConnectionId' ? '=+/' : ''}], got ${JSON.stringify(value)}`);
    this.name = 'InvalidIdError';
  }
}

function idParser<T extends string>(kind: string, pattern = ID_PATTERN) {
  return (value: unknown): T => {
    if (typeof value !== 'string' || !pattern.test(value)) throw new InvalidIdError(kind, value);
    return value as T;
  };
}

export const householdId = idParser<HouseholdId>('HouseholdId');
export const deviceId = idParser<DeviceId>('DeviceId');
export const connectionId = idParser<ConnectionId>('ConnectionId', CONNECTION_ID_PATTERN);
export const visitorId = idParser<VisitorId>('VisitorId');
export const ringId = idParser<RingId>('RingId');
export const faceId = idParser<FaceId>('FaceId');

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
