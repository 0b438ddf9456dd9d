import WebSocket, { type ClientOptions } from 'ws';

export type Message = { type: string } & Record<string, unknown>;

/** A device on a real WebSocket: collects every frame, waits for the ones a test needs. */
export class SocketDevice {
  readonly messages: Message[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as Message);
      this.waiters.forEach((wake) => wake());
    });
  }

  /**
   * Connects with `?token=…` (none when undefined); rejects with `refused <status>` when the handshake is refused.
   * `options`: the `ws` client's (a `ca` to trust for `wss://`, an `origin`).
   */
  static open(url: string, token?: string, options?: ClientOptions): Promise<SocketDevice> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(token === undefined ? url : `${url}?token=${encodeURIComponent(token)}`, options);
      socket.once('open', () => resolve(new SocketDevice(socket)));
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
