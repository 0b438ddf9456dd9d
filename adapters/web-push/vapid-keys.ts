import { createECDH } from 'node:crypto';
import type { VapidKeyPair } from '../../domain/ports/vapid-key-store';

/** A P-256 private scalar is 32 bytes; Node drops leading zero bytes, which VAPID's fixed-length encoding keeps. */
const PRIVATE_KEY_BYTES = 32;

/**
 * A fresh P-256 key pair for VAPID, base64url: the uncompressed public point (65 bytes) and the private scalar
 * (32 bytes), the encoding `web-push` signs with and browsers take as `applicationServerKey`. Made with Node's own
 * ECDH, as `web-push`'s generateVAPIDKeys does, so the function that makes the pair (on-resident-message, on the
 * first `pushKey`) need not bundle `web-push` and its dependencies; only push-ring, which sends, carries them.
 */
export function generateVapidKeyPair(): VapidKeyPair {
  const curve = createECDH('prime256v1');
  curve.generateKeys();
  const privateKey = Buffer.alloc(PRIVATE_KEY_BYTES);
  const scalar = curve.getPrivateKey();
  scalar.copy(privateKey, PRIVATE_KEY_BYTES - scalar.length);
  return { publicKey: curve.getPublicKey().toString('base64url'), privateKey: privateKey.toString('base64url') };
}

/** A stored pair as read back (JSON): a P-256 public point is 87 base64url characters, a private scalar 43. */
export function parseVapidKeyPair(value: unknown): VapidKeyPair | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { publicKey, privateKey } = value as Record<string, unknown>;
  const base64url = /^[A-Za-z0-9_-]+$/;
  if (typeof publicKey !== 'string' || publicKey.length !== 87 || !base64url.test(publicKey)) return undefined;
  if (typeof privateKey !== 'string' || privateKey.length !== 43 || !base64url.test(privateKey)) return undefined;
  return { publicKey, privateKey };
}
