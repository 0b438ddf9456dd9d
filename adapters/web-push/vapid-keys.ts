import webpush from 'web-push';
import type { VapidKeyPair } from '../../domain/ports/vapid-key-store';

/** A fresh P-256 key pair for VAPID, from the `web-push` library (base64url halves). */
export function generateVapidKeyPair(): VapidKeyPair {
  const { publicKey, privateKey } = webpush.generateVAPIDKeys();
  return { publicKey, privateKey };
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
