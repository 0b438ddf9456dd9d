import type { CommandContext } from './command-context';
import type { ServerMessage } from '../../domain/protocol/server-messages';
import { DeviceSocket } from './device-socket';

/** Under API Gateway's 10-minute idle timeout. */
const KEEP_ALIVE_MS = 5 * 60_000;

/**
 * `doorbell listen [--count N]`: connects as a resident device and prints each notification as it arrives (who,
 * outcome, snapshot link). Runs until interrupted, or until N notifications arrived.
 */
export async function listenCommand(context: CommandContext, options: { count?: number; deviceName: string }): Promise<void> {
  const { output } = context;
  const { token, device } = await context.admin.issueToken({ role: 'resident', name: options.deviceName, deviceId: 'cli-listener' });
  const socket = await DeviceSocket.connect(context.webSocketUrl, token);
  output.progress(`Listening as "${device.name}" (resident). Press Ctrl-C to stop.`);
  const keepAlive = setInterval(() => socket.send({ action: 'ping' }), KEEP_ALIVE_MS);
  let seen = 0;
  await new Promise<void>((resolve) => {
    const stop = () => {
      clearInterval(keepAlive);
      socket.close();
      resolve();
    };
    socket.onClose(() => {
      clearInterval(keepAlive);
      resolve();
    });
    socket.onMessage((message) => {
      if (message.type === 'pong') return;
      output.result(message, () => output.line(describe(message)));
      if (message.type === 'ring' && options.count !== undefined && ++seen >= options.count) stop();
    });
    process.once('SIGINT', stop);
  });
}

function describe(message: ServerMessage): string {
  switch (message.type) {
    case 'ring': {
      const at = new Date(message.at).toLocaleTimeString();
      return `${at}  ${message.text}  [${message.outcome}]  ring ${message.ringId}  snapshot: ${message.snapshotUrl ?? '-'}`;
    }
    case 'accessCode': {
      const until = new Date(message.expiresAt).toLocaleTimeString();
      return `Access code for ${message.visitorName}: ${message.code} (until ${until}, once)`;
    }
    case 'answer':
      return `${message.byName} answered ring ${message.ringId}: "${message.reply}"`;
    default:
      return `${message.type}: ${JSON.stringify(message)}`;
  }
}
