import { readFile } from 'node:fs/promises';
import { CliError } from '../../adapters/cli/cli-error';
import type { Output } from '../../adapters/cli/output';
import { VAPID_SUBJECT_PATTERN } from '../../adapters/web-push/vapid-subject';
import { TOKENS } from '../di/tokens';
import { consoleTelemetry } from '../local/console-telemetry';
import { startLocalDoorbell } from '../local/local-doorbell';
import type { RecognizerChoice } from '../local/local-recognizer';
import { readTlsCredentials, TlsCredentialsError } from '../local/tls-credentials';
import { clearLocalState, writeLocalState } from './local-state';

const SAMPLES = new URL('../../samples/', import.meta.url);

/** The visitors `doorbell start` enrols, with photos each recognizer really recognizes (see samples/README.md). */
const SAMPLE_VISITORS: Record<RecognizerChoice, { visitors: readonly (readonly [string, string, boolean])[]; ring: string }> = {
  model: {
    visitors: [
      ['Eileen Collins', 'eileen-collins-1.jpg', true],
      ['Grace Hopper', 'grace-hopper.jpg', false],
    ],
    ring: 'samples/eileen-collins-2.jpg',
  },
  manifest: {
    visitors: [
      ['Alice', 'manifest/alice-1.jpg', true],
      ['Bob', 'manifest/bob.jpg', false],
    ],
    ring: 'samples/manifest/alice-2.jpg',
  },
};

const RECOGNIZER_TEXT: Record<RecognizerChoice, string> = {
  model: 'face model (face-api SSD MobileNet v1 + 128-d descriptors, WebAssembly, on this machine)',
  manifest: 'manifest (reads the names written into samples/manifest photos; for tests and demos)',
};

/**
 * `doorbell start` (what `npm start` runs): the local doorbell, with the sample visitors enrolled so the first ring
 * already names someone. Prints where to connect, a fresh resident token and the next commands; runs until Ctrl-C.
 */
export async function startCommand(
  output: Output,
  options: {
    port: number;
    verbose: boolean;
    seed: boolean;
    dataDir?: string;
    recognizer: RecognizerChoice;
    allowedOrigins?: readonly string[];
    /** Default 127.0.0.1. */
    host?: string;
    /** Serve HTTPS and WSS with these PEM files. */
    tls?: { readonly certFile: string; readonly keyFile: string };
  },
): Promise<void> {
  // Whatever this process creates (dynalite's table files too) is the user's alone; see private-files.ts.
  process.umask(0o077);
  // Checked before the model loads: a wrong file is told at once.
  const tls = options.tls && (await readTlsCredentials(options.tls.certFile, options.tls.keyFile).catch(asCliError));
  // The VAPID subject of Web Push, as the deployed push-ring function reads it.
  const pushContact = process.env['PUSH_CONTACT'] || undefined;
  if (pushContact !== undefined && !VAPID_SUBJECT_PATTERN.test(pushContact)) {
    throw new CliError('PUSH_CONTACT must be a mailto: address or an https: URL');
  }
  if (options.recognizer === 'model') output.progress('Loading the face model…');
  const doorbell = await startLocalDoorbell({
    ...(pushContact === undefined ? {} : { pushContact }),
    port: options.port,
    telemetry: consoleTelemetry(options.verbose),
    recognizer: options.recognizer,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.allowedOrigins === undefined ? {} : { allowedOrigins: options.allowedOrigins }),
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(tls && { tls }),
  }).catch((error: NodeJS.ErrnoException) => {
    throw listenFailures[error.code ?? '']
      ? new CliError(listenFailures[error.code ?? '']!(options.host ?? '127.0.0.1', options.port))
      : error;
  });
  const samples = SAMPLE_VISITORS[options.recognizer];
  const get = doorbell.container.get.bind(doorbell.container);
  await writeLocalState(
    process.cwd(),
    { webSocketUrl: doorbell.webSocketUrl, httpUrl: doorbell.httpUrl, pid: process.pid },
    doorbell.adminKey,
  );

  const seeded: string[] = [];
  const alreadyEnrolled = (await get(TOKENS.ListVisitors).execute({ householdId: doorbell.householdId as never })).length > 0;
  if (options.seed && !alreadyEnrolled) {
    for (const [name, file, trusted] of samples.visitors) {
      const photo = new Uint8Array(await readFile(new URL(file, SAMPLES)));
      const result = await get(TOKENS.Enroll).execute({ householdId: doorbell.householdId as never, name, trusted, photos: [photo] });
      if (result.kind === 'enrolled') seeded.push(`${name}${trusted ? ' (trusted)' : ''}`);
    }
  }
  const issued = await get(TOKENS.IssueDeviceToken).execute({
    householdId: doorbell.householdId as never,
    role: 'resident',
    name: 'My phone',
  });
  if (issued.kind !== 'issued') throw new Error(issued.reason);
  // The dashboard is a resident device of its own (its answers say "Dashboard answered"). The token goes in the
  // fragment: a browser never sends that to a server, so it stays out of logs and referrers.
  const dashboardDevice = await get(TOKENS.IssueDeviceToken).execute({
    householdId: doorbell.householdId as never,
    role: 'resident',
    name: 'Dashboard',
  });
  if (dashboardDevice.kind !== 'issued') throw new Error(dashboardDevice.reason);
  const dashboardUrl = `${doorbell.dashboardUrl}#token=${encodeURIComponent(dashboardDevice.token)}`;
  // The door page is a doorbell device of its own, "Door page": it may ring, upload and check codes, nothing more.
  // It rings at the front door: announcements say "Alice is at the front door", not "at the Door page".
  const doorDevice = await get(TOKENS.IssueDeviceToken).execute({
    householdId: doorbell.householdId as never,
    role: 'doorbell',
    name: 'Door page',
    door: 'front door',
  });
  if (doorDevice.kind !== 'issued') throw new Error(doorDevice.reason);
  const doorUrl = `${doorbell.doorUrl}#token=${encodeURIComponent(doorDevice.token)}`;

  output.result(
    {
      webSocketUrl: doorbell.webSocketUrl,
      httpUrl: doorbell.httpUrl,
      otherUrls: doorbell.otherUrls,
      residentToken: issued.token,
      dashboardUrl,
      doorUrl,
      household: doorbell.householdId,
      enrolled: seeded,
      recognizer: doorbell.recognizer,
    },
    () => {
      output.line('Doorbell is running on this machine (in memory, no AWS account needed).');
      output.line('');
      output.line(`  WebSocket URL    ${doorbell.webSocketUrl}`);
      output.line(`  Household        ${doorbell.householdId}`);
      output.line(`  Recognizer       ${RECOGNIZER_TEXT[options.recognizer]}`);
      if (options.recognizer === 'model') output.line(`  Model loaded in  ${doorbell.recognizer.loadMs} ms`);
      const data = options.dataDir === undefined ? 'in memory: lost on stop (--data DIR keeps it)' : `kept in ${options.dataDir}`;
      output.line(`  Data             ${data}`);
      if (seeded.length > 0) output.line(`  Sample visitors  ${seeded.join(', ')}`);
      output.line(`  Resident token   ${issued.token}`);
      output.line(`  Dashboard        ${dashboardUrl}`);
      for (const url of doorbell.otherUrls) output.line(`  Also at          ${url}`);
      output.line(`  Door page        ${doorUrl}`);
      output.line('');
      output.line('Open the dashboard link in a browser: it is already connected as a resident device.');
      output.line('Open the door page link in another window (or on a tablet, over HTTPS): it is the doorbell, press Ring.');
      if (tls) output.line('On a phone, open it once the certificate\'s authority is trusted there (README: "Open it on your phone").');
      output.line('');
      output.line('Next, in another terminal:');
      if (tls) output.line("  export NODE_EXTRA_CA_CERTS=<the PEM file of the certificate's authority>   # so the commands trust it");
      output.line('  npx doorbell listen                          # shows every ring as it arrives');
      output.line(`  npx doorbell ring ${`${samples.ring} `.padEnd(27)}# rings the front door with a photo`);
      output.line('  npx doorbell enroll Carol my-photo.jpg       # teaches it a new face');
      output.line(`  npx wscat -c "${doorbell.webSocketUrl}?token=${issued.token}"`);
      output.line('');
      output.line('Press Ctrl-C to stop.');
    },
  );

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  output.progress('Stopping…');
  await clearLocalState(process.cwd());
  await doorbell.stop();
}

function asCliError(error: unknown): never {
  throw error instanceof TlsCredentialsError ? new CliError(error.message) : error;
}

/** Why the server could not listen, said for people: the errors `listen` gives for a port or an address. */
const listenFailures: Record<string, (host: string, port: number) => string> = {
  EADDRINUSE: (host, port) => `Port ${port} is in use on ${host}: stop what uses it, or choose another with --port N.`,
  EADDRNOTAVAIL: (host) => `${host} is not an address of this machine: give one of its own with --host, or 0.0.0.0 for all of them.`,
  ENOTFOUND: (host) => `--host ${host} names no address: give one of this machine's, such as 192.168.1.20, or 0.0.0.0.`,
  EACCES: (host, port) =>
    `Not allowed to listen on port ${port} of ${host}: ports under 1024 need privileges; choose another with --port N.`,
};
