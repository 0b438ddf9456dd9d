import { parseArgs } from 'node:util';
import { AdminClient } from '../../adapters/cli/admin-client';
import { enrollCommand, forgetCommand, historyCommand, tokenCommand, visitorsCommand } from '../../adapters/cli/admin-commands';
import { CliError } from '../../adapters/cli/cli-error';
import type { CommandContext } from '../../adapters/cli/command-context';
import { consoleOutput } from '../../adapters/cli/output';
import { householdId, isValidId } from '../../domain/ids';
import { readStackOutputs, type StackOutputs } from '../cdk/stack-outputs';
import { RECOGNIZERS, type RecognizerChoice } from '../local/local-recognizer';
import { readLocalState, STATE_DIR } from './local-state';

const USAGE = `Usage: doorbell <command> [options]

  start [--port N] [--data DIR] [--verbose] [--empty] [--recognizer model|manifest] [--allow-origin URL,…]
        [--host ADDRESS] [--tls-cert FILE --tls-key FILE]
                run the doorbell locally (PORT, default 8080; recognizer default model);
                browser pages of the --allow-origin origins may connect; --host listens on that address
                (default 127.0.0.1; 0.0.0.0 for every interface); --tls-cert and --tls-key (PEM) serve
                HTTPS and WSS, for phones on the network
  token --device NAME --role resident|doorbell [--door DOOR]
                issue a device token (last line of stdout); --door: the door a doorbell rings at,
                as announcements read it (default: the device's name)
  enroll NAME PHOTO… [--trusted]            teach the doorbell a visitor's face
  forget NAME                                forget a visitor and their faces
  visitors                                   list the enrolled visitors
  history [--limit N]                        the latest rings, newest first
  ring PHOTO [--doorbell NAME] [--no-camera]
                act as the doorbell: upload a photo, print the outcome; --no-camera: as a doorbell
                without a camera (the photo is its card, never scanned: "Someone is at the front door")
  listen [--count N]                         act as a resident device: print each notification
  answer RING_ID REPLY                       answer a ring as a resident (coming, leave-it-at-the-door, or text)
  keypad CODE [--doorbell NAME]              type a one-time access code on the doorbell's keypad
  webhook add URL [--events ring,answer,access-code]
                                             add a signed webhook (the secret is shown once)
  webhook list                               the webhooks: id, URL, events, state, last delivery
  webhook remove ID                          remove a webhook
  webhook enable ID                          re-enable a webhook disabled after repeated failures
  teardown --stack NAME [--yes]              before \`cdk destroy\`: delete the deployment's face collections
                                             (lists them without --yes)

Options for every command:
  --json        machine-readable output (one JSON document per result)
  --url URL     the local doorbell's http URL (default: what \`doorbell start\` wrote to ${STATE_DIR}/)
  --stack NAME  target a deployed stack instead (e.g. Doorbell), with your AWS credentials; it reads the
                outputs \`npm run deploy -- --outputs-file cdk.out/outputs.json\` wrote
  --outputs FILE  with --stack: the outputs file (default cdk.out/outputs.json)
  --household ID  with --stack: the household (default home)
`;

const OPTIONS = {
  json: { type: 'boolean' },
  url: { type: 'string' },
  stack: { type: 'string' },
  outputs: { type: 'string' },
  household: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string' },
  verbose: { type: 'boolean' },
  empty: { type: 'boolean' },
  data: { type: 'string' },
  recognizer: { type: 'string' },
  'allow-origin': { type: 'string' },
  host: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  device: { type: 'string' },
  role: { type: 'string' },
  door: { type: 'string' },
  trusted: { type: 'boolean' },
  limit: { type: 'string' },
  doorbell: { type: 'string' },
  'no-camera': { type: 'boolean' },
  count: { type: 'string' },
  yes: { type: 'boolean' },
  events: { type: 'string' },
} as const;

/**
 * Runs one `doorbell` command with its arguments (without `node` and the script). Heavy parts load on demand: the
 * local doorbell for `start`, the AWS SDK for `--stack`, a WebSocket client for the device commands.
 * @throws CliError for every expected failure (bad arguments, no doorbell running, a refusal), with its exit code.
 * @throws TypeError `ERR_PARSE_ARGS_UNKNOWN_OPTION` for an unknown option.
 */
export async function main(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  const output = consoleOutput(values.json === true);
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command === 'start') {
    // `start` and `--stack` load the local doorbell or the AWS SDK; imported only when asked, so that every other
    // command starts in a fraction of that time.
    const { startCommand } = await import('./start-command');
    const port = number(values.port ?? process.env['PORT'] ?? '8080', '--port', 0, 65_535);
    const [certFile, keyFile] = [values['tls-cert'], values['tls-key']];
    if ((certFile === undefined) !== (keyFile === undefined)) {
      throw new CliError('--tls-cert and --tls-key go together: give both (the certificate and its private key, PEM files) or neither.');
    }
    if (values.host === '') throw new CliError('--host needs an address, such as 127.0.0.1, 192.168.1.20 or 0.0.0.0.');
    return startCommand(output, {
      port,
      verbose: values.verbose === true,
      seed: values.empty !== true,
      recognizer: recognizerChoice(values.recognizer ?? 'model'),
      ...(values.data === undefined ? {} : { dataDir: values.data }),
      ...(values.host === undefined ? {} : { host: values.host }),
      ...(certFile === undefined || keyFile === undefined ? {} : { tls: { certFile, keyFile } }),
      ...(values['allow-origin'] === undefined ? {} : { allowedOrigins: values['allow-origin'].split(',').map((origin) => origin.trim()) }),
    });
  }

  if (command === 'teardown') {
    if (values.stack === undefined) {
      throw new CliError(
        'teardown is for a deployed stack: doorbell teardown --stack NAME [--yes]. A local doorbell keeps its data in its --data folder.',
      );
    }
    const { teardownCommand } = await import('./teardown-command');
    return teardownCommand(stackOutputs(values.stack, values.outputs ?? 'cdk.out/outputs.json'), output, values.yes === true);
  }
  const context =
    values.stack === undefined
      ? await localContext(values.url, output)
      : await stackContext(values.stack, values.outputs ?? 'cdk.out/outputs.json', values.household ?? 'home', output);
  switch (command) {
    case 'token':
      return tokenCommand(
        context,
        required(values.device, '--device NAME'),
        required(values.role, '--role resident|doorbell'),
        values.door,
      );
    case 'enroll':
      return enrollCommand(context, required(rest[0], 'a NAME'), rest.slice(1), values.trusted);
    case 'forget':
      return forgetCommand(context, required(rest[0], 'a NAME'));
    case 'visitors':
      return visitorsCommand(context);
    case 'history':
      return historyCommand(context, values.limit === undefined ? undefined : number(values.limit, '--limit', 1, 100));
    case 'webhook': {
      const commands = await import('../../adapters/cli/webhook-commands');
      const [verb, argument] = rest;
      if (verb === 'add') return commands.webhookAddCommand(context, required(argument, 'a URL'), values.events);
      if (verb === 'list') return commands.webhookListCommand(context);
      if (verb === 'remove') return commands.webhookRemoveCommand(context, required(argument, 'a webhook ID'));
      if (verb === 'enable') return commands.webhookEnableCommand(context, required(argument, 'a webhook ID'));
      throw new CliError(`doorbell webhook add|list|remove|enable, not "${verb ?? ''}". See: doorbell --help`);
    }
    // The device commands below load a WebSocket client, the slowest part of a command's start: on demand only.
    case 'ring': {
      const { ringCommand } = await import('../../adapters/cli/ring-command');
      return ringCommand(context, required(rest[0], 'a PHOTO'), values.doorbell ?? 'front door', {
        ...(values['no-camera'] === true ? { camera: false } : {}),
      });
    }
    case 'listen': {
      const { listenCommand } = await import('../../adapters/cli/listen-command');
      return listenCommand(context, {
        deviceName: 'CLI listener',
        ...(values.count === undefined ? {} : { count: number(values.count, '--count', 1, 1_000_000) }),
      });
    }
    case 'answer': {
      const { answerCommand } = await import('../../adapters/cli/door-commands');
      return answerCommand(context, required(rest[0], 'a RING_ID'), required(rest.slice(1).join(' ') || undefined, 'a REPLY'));
    }
    case 'keypad': {
      const { keypadCommand } = await import('../../adapters/cli/door-commands');
      return keypadCommand(context, required(rest[0], 'a CODE'), values.doorbell ?? 'front door');
    }
    default:
      throw new CliError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

async function localContext(url: string | undefined, output: CommandContext['output']): Promise<CommandContext> {
  const local = await readLocalState(process.cwd());
  if (!local) {
    throw new CliError(`No local doorbell found: ${STATE_DIR}/ is missing here. Start one with "npm start" in this folder.`);
  }
  const httpUrl = url ?? local.state.httpUrl;
  return {
    webSocketUrl: httpUrl.replace(/^http/, 'ws'),
    admin: new AdminClient(httpUrl, local.adminKey),
    output,
  };
}

function stackOutputs(stack: string, outputsFile: string): StackOutputs {
  try {
    return readStackOutputs(outputsFile, stack);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

async function stackContext(
  stack: string,
  outputsFile: string,
  household: string,
  output: CommandContext['output'],
): Promise<CommandContext> {
  const outputs = stackOutputs(stack, outputsFile);
  if (!isValidId(household)) throw new CliError(`--household must be 1–128 of [A-Za-z0-9_.-:], not "${household}".`);
  const { StackAdmin } = await import('./stack-admin');
  return { webSocketUrl: outputs.webSocketUrl, admin: new StackAdmin(outputs, householdId(household)), output };
}

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new CliError(`Missing ${what}. See: doorbell --help`);
  return value;
}

function recognizerChoice(text: string): RecognizerChoice {
  if (!(RECOGNIZERS as readonly string[]).includes(text)) throw new CliError(`--recognizer is ${RECOGNIZERS.join(' or ')}, not "${text}".`);
  return text as RecognizerChoice;
}

function number(text: string, what: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new CliError(`${what} must be a whole number from ${min} to ${max}, not "${text}".`);
  return value;
}
