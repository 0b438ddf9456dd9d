import { describe, expect, it } from 'vitest';
import type { ConnectionId } from '../../domain/ids';
import { errorMessage, pongMessage, type ServerMessage } from '../../domain/protocol/server-messages';
import type { DeviceNotifier } from '../../domain/ports/device-notifier';
import { aConnectionId } from '../support/builders';

/** A device on the other end: connected through whatever the adapter talks to. */
export interface ConnectedDevice {
  readonly connectionId: ConnectionId;
  /** Resolves with the messages received so far once `count` have arrived. */
  receive(count: number): Promise<readonly ServerMessage[]>;
  /** The device disappears without a close handshake. */
  vanish(): Promise<void>;
}

export interface NotifierHarness {
  readonly notifier: DeviceNotifier;
  connectDevice(): Promise<ConnectedDevice>;
}

export function deviceNotifierContract(name: string, make: () => Promise<NotifierHarness>): void {
  describe(`DeviceNotifier: ${name}`, () => {
    it('delivers a message to a connected device, unchanged', async () => {
      const { notifier, connectDevice } = await make();
      const device = await connectDevice();
      const message = errorMessage('bad-request', 'ünïcödé ✓ "quoted"');
      expect(await notifier.push(device.connectionId, message)).toBe('delivered');
      expect(await device.receive(1)).toEqual([message]);
    });

    it('delivers successive pushes to one device in order', async () => {
      const { notifier, connectDevice } = await make();
      const device = await connectDevice();
      const messages = [1, 2, 3].map((n) => errorMessage('bad-request', `message ${n}`));
      for (const message of messages) await notifier.push(device.connectionId, message);
      expect(await device.receive(3)).toEqual(messages);
    });

    it("answers 'gone' for a connection that never existed", async () => {
      const { notifier } = await make();
      expect(await notifier.push(aConnectionId(), pongMessage())).toBe('gone');
    });

    it("answers 'gone' once the device vanished, and still delivers to the others", async () => {
      const { notifier, connectDevice } = await make();
      const [vanishing, staying] = [await connectDevice(), await connectDevice()];
      await vanishing.vanish();
      expect(await notifier.push(vanishing.connectionId, pongMessage())).toBe('gone');
      expect(await notifier.push(staying.connectionId, pongMessage())).toBe('delivered');
      expect(await staying.receive(1)).toEqual([pongMessage()]);
    });
  });
}
