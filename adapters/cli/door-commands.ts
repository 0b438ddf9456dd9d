import { CliError } from './cli-error';
import type { CommandContext } from './command-context';
import type { ClientFrame } from '../../domain/protocol/client-messages';
import type { MessageOf, ServerMessageType } from '../../domain/protocol/server-messages';
import { DeviceSocket } from './device-socket';
import { deviceIdFor } from './ring-command';

const REPLY_TIMEOUT = 15_000;

/**
 * `doorbell answer RING_ID REPLY…`: a resident's quick reply (a preset such as `coming`, or short text). The
 * doorbell and the other residents are told; the first answer to a ring wins.
 * @throws CliError when the ring was already answered, has expired or is unknown, or the doorbell cannot be reached.
 */
export async function answerCommand(context: CommandContext, ringId: string, reply: string): Promise<void> {
  const answer = await asDevice(
    context,
    { role: 'resident', name: 'CLI', deviceId: 'cli-responder' },
    { action: 'answer', ringId, reply },
    'answer',
  );
  context.output.result(answer, () => context.output.line(`Answered ring ${answer.ringId}: "${answer.reply}"`));
}

/**
 * `doorbell keypad CODE [--doorbell NAME]`: types a one-time access code on the doorbell's keypad. Exit 1 when refused.
 * @throws CliError when the code is refused (wrong, used, expired or locked look alike; the rate limit says so).
 */
export async function keypadCommand(context: CommandContext, code: string, doorbellName: string): Promise<void> {
  const result = await asDevice(
    context,
    { role: 'doorbell', name: doorbellName, deviceId: deviceIdFor(doorbellName) },
    { action: 'verifyCode', code },
    'codeResult',
  );
  if (result.result !== 'valid') {
    // The rate limit's message when it hit (the household's codes are locked); otherwise the keypad is told no more.
    throw new CliError(
      result.reason ? `The code was refused: ${result.message ?? result.reason}` : 'The code was refused (wrong, used, expired or locked).',
    );
  }
  context.output.result(result, () => context.output.line(`Valid: welcome, ${String(result.visitorName)}.`));
}

/** Connects as a device, sends one message, and returns its reply of type `replyType` (an `error` reply throws). */
async function asDevice<T extends ServerMessageType>(
  context: CommandContext,
  device: { readonly role: 'resident' | 'doorbell'; readonly name: string; readonly deviceId: string },
  message: ClientFrame,
  replyType: T,
): Promise<MessageOf<T>> {
  const { token } = await context.admin.issueToken(device);
  const socket = await DeviceSocket.connect(context.webSocketUrl, token);
  try {
    const reply = socket.next(replyType, REPLY_TIMEOUT, `the ${replyType} reply`);
    socket.send(message);
    return await reply;
  } finally {
    socket.close();
  }
}
