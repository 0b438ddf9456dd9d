/** Fresh identifiers; the only source of randomness the core uses. */
export interface IdGenerator {
  /** A new id, unique across calls, matching ID_PATTERN (safe in S3 keys and Rekognition ExternalImageId). */
  next(): string;
}
