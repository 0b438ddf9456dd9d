/** Fresh signing secrets. */
export interface SecretGenerator {
  /** 32 bytes from a cryptographically secure source, as 64 lowercase hex characters. */
  next(): string;
}
