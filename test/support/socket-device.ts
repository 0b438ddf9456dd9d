import { expect } from 'vitest';
import WebSocket from 'ws';
import { sample } from './sample-photos';

export type Message = { type: string } & Record<string, unknown>;

/** A device on a real WebSocket: collects every frame, waits for the ones a test needs. */
export class Device {
  readonly messages: Message[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as Message);
      this.waiters.forEach((wake) => wake());
    });
  }

  static open(url: string, token?: string): Promise<Device> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(token === undefined ? url : `${url}?token=${encodeURIComponent(token)}`);
      socket.once('open', () => resolve(new Device(socket)));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`refused ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  async next(accept: (message: Message) => boolean, timeoutMs = 10_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(accept);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  send(data: string | Buffer): void {
    this.socket.send(data);
  }

  closed(): Promise<number> {
    return new Promise((resolve) => this.socket.once('close', (code) => resolve(code)));
  }
}

/** The doorbell device presses: asks for an upload URL and PUTs the sample photo. Returns the ring id. */
export async function ring(camera: Device, file: string): Promise<string> {
  const photo = sample(file);
  camera.messages.length = 0;
  camera.send(JSON.stringify({ action: 'requestUpload', contentLength: photo.byteLength }));
  const grant = await camera.next((message) => message.type === 'uploadUrl');
  const response = await fetch(String(grant['url']), { method: 'PUT', headers: grant['headers'] as Record<string, string>, body: photo });
  expect(response.status).toBe(200);
  return String(grant['ringId']);
}
