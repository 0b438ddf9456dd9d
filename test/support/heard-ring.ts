import { expect } from 'vitest';
import type { DeviceRole } from '../../domain/device';

/**
 * Asserts that a device heard one ring as its role may: a resident the `ring` itself (with `fields`), a doorbell
 * only `ringing`, exactly, so that no name, outcome or snapshot link reaches the door.
 */
export function expectHeardRing(
  device: { readonly device: { readonly role: DeviceRole }; received(): readonly unknown[] },
  fields: Record<string, unknown>,
): void {
  const ringId = fields['ringId'] ?? expect.any(String);
  expect(device.received()).toEqual([
    device.device.role === 'doorbell'
      ? { type: 'ringing', version: 1, ringId, at: expect.any(String), answerableUntil: expect.any(String) }
      : expect.objectContaining({ type: 'ring', ...fields }),
  ]);
}
