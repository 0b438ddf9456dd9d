/** Fresh one-time access codes. */
export interface CodeGenerator {
  /**
   * A new code: exactly ACCESS_CODE_DIGITS (6) ASCII digits, leading zeros kept, uniformly distributed over
   * 000000–999999 and drawn from a cryptographically secure source (never Math.random).
   */
  next(): string;
}
