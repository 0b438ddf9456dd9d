import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { pressAndUpload } from '../../support/local-doorbell-moves';
import { SocketDevice } from '../../support/socket-device';

/**
 * The `doorbell` CLI end to end, exactly as people and scripts run it: `node bin/doorbell.js …` in real
 * subprocesses, against a real `doorbell start` server on a loopback port. No mocks. Every subprocess pays a node
 * start-up, and a server its enrolments, so one server is shared and each test rings its own doorbell name (no debounce between tests).
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(REPO, 'bin', 'doorbell.js');
const sample = (name: string) => join(REPO, 'samples', 'manifest', name);

const START_TIMEOUT = 30_000;
const RUN_TIMEOUT = 45_000;
const TEST_TIMEOUT = 60_000;

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** `node bin/doorbell.js ARGS` in `cwd`; never rejects, the exit code is part of the result. */
function run(args: readonly string[], options: { cwd: string; timeoutMs?: number }): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd, timeout: options.timeoutMs ?? RUN_TIMEOUT, killSignal: 'SIGKILL', maxBuffer: 8 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({
          code,
          stdout,
          stderr: error?.killed ? `${stderr}\n[killed after ${Date.now() - started} ms]` : stderr,
          ms: Date.now() - started,
        });
      },
    );
  });
}

/** A long-running CLI subprocess (`start`, `listen`) whose output the test watches as it arrives. */
class Spawned {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(args: readonly string[], cwd: string) {
    this.child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once `ready(stdout, stderr)` holds; rejects if the process exits first or after `timeoutMs`. */
  async until(ready: (stdout: string, stderr: string) => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready(this.stdout, this.stderr)) {
      if (!this.running) throw new Error(`exited before ${what}:\n${this.stdout}\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}:\n${this.stdout}\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends `signal`; if the process outlives `graceMs`, kills it (and reports that it had to). */
  async stop(
    signal: NodeJS.Signals = 'SIGINT',
    graceMs = 15_000,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; forced: boolean }> {
    if (!this.running) return { ...(await this.exited), forced: false };
    this.child.kill(signal);
    const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
    const result = await Promise.race([this.exited, timer]);
    if (result !== 'late') return { ...result, forced: false };
    this.child.kill('SIGKILL');
    return { ...(await this.exited), forced: true };
  }
}

/** The status a WebSocket handshake gets: 'open', or the HTTP status it was refused with. */
function handshake(url: string): Promise<'open' | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => {
      socket.close(1000);
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

/** A loopback port nobody listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'doorbell-cli-'));
  tempDirs.push(dir);
  return dir;
}

/** The shared server (text output) and a second one started with --json. */
let home: string;
let server: Spawned;
let port: number;
let webSocketUrl: string;
let jsonHome: string;
let jsonServer: Spawned;

beforeAll(async () => {
  [home, jsonHome] = await Promise.all([tempDir(), tempDir()]);
  // The manifest recognizer: these tests are about the CLI; the face model has its own (start-model.e2e.test.ts).
  server = new Spawned(['start', '--port', '0', '--recognizer', 'manifest'], home);
  jsonServer = new Spawned(['start', '--port', '0', '--json', '--recognizer', 'manifest'], jsonHome);
  await Promise.all([
    server.until((out) => /ws:\/\/127\.0\.0\.1:\d+/.test(out) && out.includes('Press Ctrl-C to stop.'), START_TIMEOUT, 'the WebSocket URL'),
    jsonServer.until((out) => out.includes('\n'), START_TIMEOUT, 'the JSON document'),
  ]);
  port = Number(/ws:\/\/127\.0\.0\.1:(\d+)/.exec(server.stdout)![1]);
  webSocketUrl = `ws://127.0.0.1:${port}`;
}, START_TIMEOUT + 5_000);

afterAll(async () => {
  try {
    for (const [name, spawned, dir] of [
      ['start', server, home],
      ['start --json', jsonServer, jsonHome],
    ] as const) {
      if (!spawned) continue;
      const exit = await spawned.stop('SIGINT');
      expect({ name, ...exit }, spawned.stderr).toEqual({ name, code: 0, signal: null, forced: false });
      expect(await exists(join(dir, '.doorbell', 'local.json'))).toBe(false);
    }
  } finally {
    await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}, 40_000);

describe('doorbell start', () => {
  it('prints the WebSocket URL, a resident token, the sample visitors and the next commands', async () => {
    expect(port).toBeGreaterThan(0);
    expect(server.stdout).toContain(`ws://127.0.0.1:${port}`);
    expect(server.stdout).toMatch(/Sample visitors\s+Alice \(trusted\), Bob/);
    const token = /Resident token\s+(v1\.\S+)/.exec(server.stdout)?.[1];
    expect(token).toBeDefined();
    // The dashboard link carries a resident token of its own, in the fragment.
    expect(server.stdout).toMatch(new RegExp(`Dashboard\\s+http://127\\.0\\.0\\.1:${port}/dashboard/#token=v1\\.`));
    // And the door page's link a doorbell token of its own: it opens a WebSocket as the doorbell "Door page".
    const doorToken = new RegExp(`Door page\\s+http://127\\.0\\.0\\.1:${port}/door/#token=(v1\\.\\S+)`).exec(server.stdout)?.[1];
    expect(doorToken).toBeDefined();
    expect(await handshake(`${webSocketUrl}?token=${doorToken!}`)).toBe('open');
    // Its device is "Door page", and it rings at the front door: "Alice is at the front door", not "at the Door page".
    const residentToken = /Resident token\s+(v1\.\S+)/.exec(server.stdout)![1]!;
    const [door, resident] = await Promise.all([
      SocketDevice.open(webSocketUrl, doorToken!),
      SocketDevice.open(webSocketUrl, residentToken),
    ]);
    try {
      const { ringId } = await pressAndUpload(door, new Uint8Array(await readFile(sample('alice-2.jpg'))));
      const ring = await resident.next((message) => message.type === 'ring' && message['ringId'] === ringId, 15_000);
      expect(ring).toMatchObject({ doorName: 'front door', text: 'Alice is at the front door' });
    } finally {
      door.socket.close();
      resident.socket.close();
    }
    expect(server.stdout).toContain('npx doorbell listen');
    expect(server.stdout).toContain('npx doorbell ring samples/manifest/alice-2.jpg');
    expect(server.stdout).toContain('npx doorbell enroll');
    // What it printed works: the resident token opens a WebSocket.
    expect(await handshake(`${webSocketUrl}?token=${encodeURIComponent(token!)}`)).toBe('open');
  });

  it('writes .doorbell/local.json and an admin key readable by this user only', async () => {
    expect(await exists(join(home, '.doorbell', 'local.json'))).toBe(true);
    const key = await stat(join(home, '.doorbell', 'admin-key'));
    if (process.platform !== 'win32') expect(key.mode & 0o077).toBe(0);
  });

  it('with --json prints one JSON document with webSocketUrl and residentToken', async () => {
    const documents = lines(jsonServer.stdout);
    expect(documents).toHaveLength(1);
    const started = JSON.parse(documents[0]!) as Record<string, unknown>;
    expect(started['webSocketUrl']).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(started['webSocketUrl']).not.toBe(webSocketUrl);
    expect(started['residentToken']).toMatch(/^v1\./);
    expect(started['doorUrl']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/door\/#token=v1\./);
    expect(started['enrolled']).toEqual(['Alice (trusted)', 'Bob']);
    expect(await handshake(`${String(started['webSocketUrl'])}?token=${encodeURIComponent(String(started['residentToken']))}`)).toBe(
      'open',
    );
  });
});

describe('doorbell visitors', () => {
  it(
    'lists Alice (trusted) and Bob; --json parses',
    async () => {
      const [text, json] = await Promise.all([run(['visitors'], { cwd: home }), run(['visitors', '--json'], { cwd: home })]);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/^Alice \(trusted\): 1 face\(s\)$/m);
      expect(text.stdout).toMatch(/^Bob: 1 face\(s\)$/m);
      expect(json.code, json.stderr).toBe(0);
      const visitors = JSON.parse(json.stdout) as { name: string; trusted: boolean }[];
      expect(visitors.map(({ name, trusted }) => ({ name, trusted }))).toEqual(
        expect.arrayContaining([
          { name: 'Alice', trusted: true },
          { name: 'Bob', trusted: false },
        ]),
      );
    },
    TEST_TIMEOUT,
  );
});

describe('doorbell ring and listen', () => {
  it(
    'a listener started first receives the ring the doorbell announces, with a working snapshot link',
    async () => {
      const listen = new Spawned(['listen', '--count', '1'], home);
      try {
        await listen.until((_out, err) => err.includes('Listening as'), START_TIMEOUT, 'the listener to connect');
        const ring = await run(['ring', sample('alice-2.jpg')], { cwd: home });
        expect(ring.code, ring.stderr).toBe(0);
        expect(ring.stdout).toContain('Alice is at the front door');
        expect(ring.stdout).toContain('[known]');

        const exit = await Promise.race([listen.exited, new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 15_000))]);
        expect(exit, `listen did not exit by itself:\n${listen.stderr}`).toEqual({ code: 0, signal: null });
        expect(listen.stdout).toContain('Alice is at the front door');
        expect(listen.stdout).toContain('[known]');
        const snapshotUrl = /snapshot: (http:\/\/\S+)/.exec(listen.stdout)?.[1];
        expect(snapshotUrl, listen.stdout).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/photos/`));

        const response = await fetch(snapshotUrl!);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('image/jpeg');
        const photo = new Uint8Array(await response.arrayBuffer());
        expect([photo[0], photo[1]]).toEqual([0xff, 0xd8]);
      } finally {
        await listen.stop('SIGKILL');
      }
    },
    TEST_TIMEOUT,
  );

  it(
    '--json prints one parseable ring message; --doorbell names the door',
    async () => {
      const [json, back] = await Promise.all([
        run(['ring', sample('alice-2.jpg'), '--doorbell', 'porch', '--json'], { cwd: home }),
        run(['ring', sample('alice-2.jpg'), '--doorbell', 'back door'], { cwd: home }),
      ]);
      expect(json.code, json.stderr).toBe(0);
      expect(lines(json.stdout)).toHaveLength(1);
      const message = JSON.parse(json.stdout) as Record<string, unknown>;
      expect(message).toMatchObject({ type: 'ring', version: 1, outcome: 'known', doorName: 'porch', text: 'Alice is at the porch' });
      expect(message['visitors']).toEqual([expect.objectContaining({ name: 'Alice' })]);
      expect(back.code, back.stderr).toBe(0);
      expect(back.stdout).toContain('Alice is at the back door');
    },
    TEST_TIMEOUT,
  );

  it(
    '--no-camera rings as a doorbell without a camera: "Someone is at the side door", even with Alice\'s photo',
    async () => {
      const rang = await run(['ring', sample('alice-2.jpg'), '--doorbell', 'side door', '--no-camera'], { cwd: home });
      expect(rang.code, rang.stderr).toBe(0);
      expect(lines(rang.stdout)[0]).toBe('Someone is at the side door  [unavailable]');
    },
    TEST_TIMEOUT,
  );

  it(
    'a second press within the 30 s debounce window joins the first ring and exits 0 promptly',
    async () => {
      const first = await run(['ring', sample('alice-2.jpg'), '--doorbell', 'side gate'], { cwd: home });
      expect(first.code, first.stderr).toBe(0);
      const ringId = /^ring (\S+), snapshot:/m.exec(first.stdout)?.[1];
      expect(ringId, first.stdout).toBeDefined();

      const second = await run(['ring', sample('alice-2.jpg'), '--doorbell', 'side gate'], { cwd: home });
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toContain('debounce window');
      expect(second.stdout).toContain(ringId!);
      // Not by waiting out the 60 s outcome timeout: nothing is left to wait for.
      expect(second.ms).toBeLessThan(30_000);
    },
    TEST_TIMEOUT,
  );
});

describe('doorbell answer and keypad', () => {
  it(
    "a listener sees Alice's access code and the answer; the first answer wins; the keypad opens once",
    async () => {
      const listen = new Spawned(['listen'], home);
      try {
        await listen.until((_out, err) => err.includes('Listening as'), START_TIMEOUT, 'the listener to connect');
        const ring = await run(['ring', sample('alice-2.jpg'), '--doorbell', 'kitchen door'], { cwd: home });
        expect(ring.code, ring.stderr).toBe(0);
        const ringId = /^ring (\S+), snapshot:/m.exec(ring.stdout)![1]!;
        await listen.until((out) => /Access code for Alice: \d{6}/.test(out), 15_000, 'the access code');
        const code = /Access code for Alice: (\d{6})/.exec(listen.stdout)![1]!;

        const answered = await run(['answer', ringId, 'coming'], { cwd: home });
        expect(answered.code, answered.stderr).toBe(0);
        expect(answered.stdout).toContain(`Answered ring ${ringId}: "coming"`);
        await listen.until((out) => out.includes(`answered ring ${ringId}: "coming"`), 15_000, 'the answer');
        const late = await run(['answer', ringId, 'no', 'thanks'], { cwd: home });
        expect(late.code).toBe(1);
        expect(late.stderr).toContain('already answered');

        const opened = await run(['keypad', code, '--doorbell', 'kitchen door'], { cwd: home });
        expect(opened.code, opened.stderr).toBe(0);
        expect(opened.stdout).toContain('Valid: welcome, Alice.');
        const again = await run(['keypad', code, '--doorbell', 'kitchen door'], { cwd: home });
        expect(again.code).toBe(1);
        expect(again.stderr).toContain('refused');
      } finally {
        await listen.stop('SIGKILL');
      }
    },
    2 * TEST_TIMEOUT,
  );
});

describe('doorbell enroll and forget', () => {
  it(
    'an enrolled face is named at the door; once forgotten, it is unknown again',
    async () => {
      const enroll = await run(['enroll', 'Carol', sample('stranger.jpg'), '--trusted'], { cwd: home });
      expect(enroll.code, enroll.stderr).toBe(0);
      expect(enroll.stdout).toMatch(/Carol (enrolled|updated): 1 face\(s\), trusted\./);

      const known = await run(['ring', sample('stranger.jpg'), '--doorbell', 'back gate'], { cwd: home });
      expect(known.code, known.stderr).toBe(0);
      expect(known.stdout).toContain('Carol is at the back gate  [known]');

      const forget = await run(['forget', 'Carol'], { cwd: home });
      expect(forget.code, forget.stderr).toBe(0);
      expect(forget.stdout).toContain('Carol forgotten');

      const unknown = await run(['ring', sample('stranger.jpg'), '--doorbell', 'garage door'], { cwd: home });
      expect(unknown.code, unknown.stderr).toBe(0);
      expect(unknown.stdout).toContain('An unknown visitor is at the garage door  [unknown]');
    },
    TEST_TIMEOUT,
  );

  it(
    'forgetting nobody fails clearly; a photo without a face enrolls nobody (exit 2)',
    async () => {
      const [forget, enroll] = await Promise.all([
        run(['forget', 'Nobody'], { cwd: home }),
        run(['enroll', 'X', sample('empty-porch.jpg')], { cwd: home }),
      ]);
      expect(forget.code).toBe(1);
      expect(forget.stderr).toContain('No visitor named "Nobody"');
      expect(enroll.code, enroll.stderr).toBe(2);
      expect(enroll.stdout).toContain('No face found in any photo: X was not enrolled.');
      expect(enroll.stdout).toContain('no-face');
    },
    TEST_TIMEOUT,
  );
});

describe('doorbell token', () => {
  it(
    'prints a token on the last line of stdout that opens a WebSocket',
    async () => {
      const issued = await run(['token', '--device', 'Kitchen', '--role', 'resident'], { cwd: home });
      expect(issued.code, issued.stderr).toBe(0);
      expect(issued.stdout).toContain('Device "Kitchen" (resident');
      const token = lines(issued.stdout).at(-1)!;
      expect(token).toMatch(/^v1\.\S+$/);
      expect(await handshake(`${webSocketUrl}?token=${encodeURIComponent(token)}`)).toBe('open');
    },
    TEST_TIMEOUT,
  );

  it(
    '--door names the door a doorbell rings at: its rings read "at the back door", and the history says so too',
    async () => {
      const issued = await run(['token', '--device', 'Hall tablet', '--role', 'doorbell', '--door', 'back door'], { cwd: home });
      expect(issued.code, issued.stderr).toBe(0);
      expect(issued.stdout).toContain('Device "Hall tablet" at the back door (doorbell');
      const listener = await run(['token', '--device', 'Door listener', '--role', 'resident'], { cwd: home });
      const [tablet, phone] = await Promise.all([
        SocketDevice.open(webSocketUrl, lines(issued.stdout).at(-1)!),
        SocketDevice.open(webSocketUrl, lines(listener.stdout).at(-1)!),
      ]);
      try {
        const { ringId, status } = await pressAndUpload(tablet, new Uint8Array(await readFile(sample('bob.jpg'))));
        expect(status).toBe(200);
        const ring = await phone.next((message) => message.type === 'ring' && message['ringId'] === ringId, 15_000);
        expect(ring).toMatchObject({ doorName: 'back door', text: 'Bob is at the back door' });
      } finally {
        tablet.socket.close();
        phone.socket.close();
      }
      const history = await run(['history', '--limit', '1'], { cwd: home });
      expect(history.stdout).toContain('Bob is at the back door');
    },
    TEST_TIMEOUT,
  );

  it(
    'refuses --door for a resident, with a clear message',
    async () => {
      const refused = await run(['token', '--device', 'Kitchen', '--role', 'resident', '--door', 'back door'], { cwd: home });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--door is for a doorbell (--role doorbell)');
      expect(refused.stdout).toBe('');
    },
    TEST_TIMEOUT,
  );

  it(
    'refuses a bad role and a missing device name with a clear message',
    async () => {
      const [badRole, noDevice] = await Promise.all([
        run(['token', '--device', 'Kitchen', '--role', 'butler'], { cwd: home }),
        run(['token', '--role', 'resident'], { cwd: home }),
      ]);
      expect(badRole.code).toBe(1);
      expect(badRole.stderr).toContain('--role is resident or doorbell, not "butler"');
      expect(badRole.stdout).toBe('');
      expect(noDevice.code).toBe(1);
      expect(noDevice.stderr).toContain('Missing --device NAME');
    },
    TEST_TIMEOUT,
  );
});

describe('doorbell history', () => {
  it(
    '--limit 2 shows at most 2 rings, newest first',
    async () => {
      for (const door of ['history one', 'history two']) {
        const ring = await run(['ring', sample('bob.jpg'), '--doorbell', door], { cwd: home });
        expect(ring.code, ring.stderr).toBe(0);
      }
      const history = await run(['history', '--limit', '2'], { cwd: home });
      expect(history.code, history.stderr).toBe(0);
      const rows = lines(history.stdout);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain('Bob is at the history two');
      expect(rows[1]).toContain('Bob is at the history one');
      const times = rows.map((row) => Date.parse(row.split(/\s+/)[0]!));
      expect(times[0]).toBeGreaterThanOrEqual(times[1]!);
    },
    TEST_TIMEOUT,
  );
});

describe.concurrent('errors', () => {
  it(
    'a missing photo names the file',
    async ({ expect }) => {
      const result = await run(['ring', 'missing.jpg'], { cwd: home });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('missing.jpg');
      expect(result.stderr).toContain('no such file');
    },
    TEST_TIMEOUT,
  );

  it(
    'in a folder with no local doorbell, says to start one',
    async ({ expect }) => {
      const empty = await tempDir();
      const results = await Promise.all([run(['visitors'], { cwd: empty }), run(['listen', '--count', '1'], { cwd: empty })]);
      for (const result of results) {
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/No local doorbell found.*npm start/);
      }
    },
    TEST_TIMEOUT,
  );

  it(
    '--url where nothing answers says so',
    async ({ expect }) => {
      const free = await closedPort();
      const results = await Promise.all([
        run(['visitors', '--url', 'http://127.0.0.1:1'], { cwd: home }),
        run(['visitors', '--url', `http://127.0.0.1:${free}`], { cwd: home }),
      ]);
      for (const result of results) {
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('No doorbell answers');
      }
      expect(results[1]!.stderr).toContain('ECONNREFUSED');
    },
    TEST_TIMEOUT,
  );

  it(
    "--stack without a deployment's outputs file says how to write one",
    async ({ expect }) => {
      const result = await run(['visitors', '--stack', 'Doorbell'], { cwd: home });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'Cannot read the outputs file cdk.out/outputs.json (write it with: npx cdk deploy --all --outputs-file',
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'an unknown command prints the usage and fails; --help prints it and succeeds',
    async ({ expect }) => {
      const [unknown, help] = await Promise.all([run(['frobnicate'], { cwd: home }), run(['--help'], { cwd: home })]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Unknown command "frobnicate"');
      expect(unknown.stderr).toContain('Usage: doorbell <command>');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Usage: doorbell <command>');
      for (const command of ['start', 'token', 'enroll', 'forget', 'visitors', 'history', 'ring', 'listen']) {
        expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      }
    },
    TEST_TIMEOUT,
  );

  it('the server refuses a WebSocket with a bad token (403) or none (401)', async ({ expect }) => {
    expect(await handshake(`${webSocketUrl}?token=v1.not-a-token`)).toBe(403);
    expect(await handshake(webSocketUrl)).toBe(401);
  });
});
