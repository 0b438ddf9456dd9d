/** Randomness for jitter (not for secrets: SecretGenerator is for those). */
export interface RandomSource {
  /** A number in [0, 1). */
  fraction(): number;
}
