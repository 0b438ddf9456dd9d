/** A VAPID key pair (RFC 8292): the P-256 key the server signs pushes with, both halves base64url. */
export interface VapidKeyPair {
  /** Uncompressed public point: what browsers take as `applicationServerKey`. */
  readonly publicKey: string;
  readonly privateKey: string;
}

/** The deployment's VAPID keys: subscriptions are bound to the public key, so it must never change under them. */
export interface VapidKeyStore {
  /**
   * The key pair, made on first use and the same ever after, for every caller and process: concurrent first uses
   * agree on one pair.
   */
  keyPair(): Promise<VapidKeyPair>;
}
