/** Salted, slow hashing of access codes, so a leaked table does not give the codes away. */
export interface CodeHasher {
  /** A fresh random salt (at least 16 bytes from a CSPRNG), encoded as text; never the same twice. */
  newSalt(): string;
  /** The hash of `code` with `salt`, encoded as text; deterministic for the same code and salt. */
  hash(code: string, salt: string): Promise<string>;
  /**
   * Whether `code` hashed with `salt` equals `hash`, compared in constant time. Resolves false (never throws) for
   * any malformed input: a salt or hash this hasher did not produce, a code of another shape.
   */
  matches(code: string, salt: string, hash: string): Promise<boolean>;
}
