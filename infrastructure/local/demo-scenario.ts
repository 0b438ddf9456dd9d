import { readFile } from 'node:fs/promises';
import type { InMemoryDeviceNotifier } from '../../adapters/in-memory/in-memory-device-notifier';
import type { InMemoryPhotoStore } from '../../adapters/in-memory/in-memory-photo-store';
import { ManualClock } from '../../adapters/in-memory/manual-clock';
import { SequentialIdGenerator } from '../../adapters/in-memory/sequential-id-generator';
import type { Device, DeviceRole } from '../../domain/device';
import { connectionId, deviceId, householdId, type ConnectionId } from '../../domain/ids';
import type { ServerMessage } from '../../domain/protocol/server-messages';
import { minutes, seconds } from '../../domain/time';
import { IN_MEMORY } from '../di/in-memory.module';
import { TOKENS } from '../di/tokens';
import { inMemoryContainer } from './in-memory-container';
import type { IdentifyOutput } from '../../adapters/lambda/workflow-events';
import type { AnnounceResult } from '../../application/announce';
import { containerRingWorkflow } from './container-ring-workflow';
import { objectCreatedEvent } from './object-created-event';

const SAMPLES = new URL('../../samples/manifest/', import.meta.url);
const HOME = householdId('home-1');

/**
 * The scripted demo: one household, two visitors, three devices, a handful of rings, and a device that vanishes.
 * Everything runs in memory through the same use cases and inversify modules as the Lambdas; `print` receives the
 * transcript line by line. Time is a manual clock starting now, so the scenario never waits.
 */
export async function runDemo(print: (line: string) => void): Promise<void> {
  const clock = new ManualClock(Date.now());
  const container = inMemoryContainer({ clock, ids: new SequentialIdGenerator() });
  const get = container.get.bind(container);
  const notifier: InMemoryDeviceNotifier = get(IN_MEMORY.DeviceNotifier);
  const photos: InMemoryPhotoStore = get(IN_MEMORY.PhotoStore);
  const announced = new Map<string, AnnounceResult>();
  const workflow = containerRingWorkflow(container, { onAnnounced: (claimant, result) => announced.set(claimant, result) });
  const names = new Map<ConnectionId, string>();
  let runs = 0;

  print('Doorbell demo: the whole ring flow in memory, no AWS account needed.');
  print('');

  print('▸ Household home-1 registers its devices');
  const register = async (role: DeviceRole, name: string, id: string): Promise<Device> => {
    const result = await get(TOKENS.RegisterDevice).execute({ householdId: HOME, role, name, deviceId: deviceId(id) });
    if (result.kind !== 'registered') throw new Error(result.reason);
    print(`  + ${name} (${role})`);
    return result.device;
  };
  const phone = await register('resident', "Sam's phone", 'sams-phone');
  const dashboard = await register('resident', 'Kitchen dashboard', 'kitchen-dashboard');
  const frontDoor = await register('doorbell', 'front door', 'front-door');

  print('');
  print('▸ Enrolling visitors');
  for (const [name, file, trusted] of [
    ['Alice', 'alice-1.jpg', true],
    ['Bob', 'bob.jpg', false],
  ] as const) {
    const result = await get(TOKENS.Enroll).execute({ householdId: HOME, name, trusted, photos: [await sample(file)] });
    if (result.kind !== 'enrolled') throw new Error(`enrolling ${name} failed: ${result.kind}`);
    print(`  + ${name}${trusted ? ' (trusted)' : ''}: ${result.visitor.faceIds.length} face from ${file}`);
  }

  print('');
  print('▸ Devices connect');
  const connect = async (device: Device): Promise<ConnectionId> => {
    const id = connectionId(`conn-${names.size + 1}`);
    names.set(id, device.name);
    notifier.connect(id, (message) => print(`    ${pad(device.name)} ◀ ${describe(message)}`));
    await get(TOKENS.Connect).execute({ id, householdId: HOME, deviceId: device.id, role: device.role, connectedAt: clock.now() });
    print(`  ${pad(device.name)} connected as ${id}`);
    return id;
  };
  await connect(phone);
  const dashboardConnection = await connect(dashboard);
  await connect(frontDoor);

  const press = async (file: string): Promise<string> => {
    const photo = await sample(file);
    const grant = await get(TOKENS.RequestUpload).execute({
      householdId: HOME,
      deviceId: frontDoor.id,
      role: 'doorbell',
      contentLength: photo.byteLength,
    });
    if (grant.kind !== 'granted') throw new Error(grant.reason);
    const upload = photos.acceptUpload(grant.upload.url, photo);
    if (upload.kind !== 'stored') throw new Error(upload.reason);
    print(`  front door pressed: uploaded ${file} (${(photo.byteLength / 1024).toFixed(1)} KB) as ${grant.photoKey}`);
    if (grant.debounced) print(`  pressed again within the debounce window: the photo joins ring ${grant.ringId}`);
    return grant.photoKey;
  };
  const objectCreated = async (photoKey: string): Promise<void> => {
    const run = `run-${++runs}`;
    const size = (await photos.read(photoKey))?.byteLength ?? 0;
    const event = objectCreatedEvent({ bucket: 'photos', key: photoKey, size, at: new Date(clock.now()), eventId: run });
    // The run goes on waiting for an answer (up to the answer window); the demo moves on once it waits.
    const started = workflow.start(event, run);
    const { identified } = (await started.answerWait) as { identified: IdentifyOutput };
    if (identified.kind === 'rejected') throw new Error(identified.reason);
    if (!identified.fresh) print(`  ring ${identified.ringId} was already recorded: no second notification`);
    const announcement = [...announced].find(([claimant]) => claimant.endsWith(`:${run}`))?.[1];
    if (announcement?.kind === 'announced') {
      const pruned = announcement.pruned.map((id) => `${names.get(id)} (${id})`).join(', ') || 'none';
      print(
        `  announced ring ${identified.ringId}: ${announcement.delivered.length} delivered, ` +
          `pruned: ${pruned}, failed: ${announcement.failed.length}`,
      );
    }
  };
  const ring = async (title: string, file: string): Promise<string> => {
    clock.advance(minutes(2));
    print('');
    print(`▸ ${title}`);
    const key = await press(file);
    await objectCreated(key);
    return key;
  };

  await ring('Alice rings', 'alice-2.jpg');
  await answerAndOpen();
  await ring('A stranger rings', 'stranger.jpg');
  await ring('The doorbell is pressed with nobody in view', 'empty-porch.jpg');
  const lastKey = await ring('Alice comes back with a stranger', 'alice-and-stranger.jpg');

  print('');
  print('▸ The same S3 event arrives again (delivery is at least once)');
  await objectCreated(lastKey);

  print('');
  print('▸ The visitor presses again 5 seconds later');
  clock.advance(seconds(5));
  await objectCreated(await press('alice-and-stranger.jpg'));

  print('');
  print('▸ The kitchen dashboard loses power: it vanishes without closing its connection');
  notifier.vanish(dashboardConnection);
  await ring('Bob rings', 'bob.jpg');

  print('');
  print('▸ What each device received');
  for (const [id, name] of names) {
    const rings = notifier.received(id).filter((message) => message.type === 'ring');
    print(`  ${pad(name)} ${rings.length} rings: ${rings.map((message) => message.outcome).join(', ') || '-'}`);
  }
  const live = await get(TOKENS.ConnectionRepository).listByHousehold(HOME, clock.now());
  print(`  connections still stored: ${live.map((c) => `${names.get(c.id)} (${c.id})`).join(', ')}`);

  print('');
  print('▸ Ring history, newest first');
  for (const summary of (await get(TOKENS.RingHistory).execute({ householdId: HOME })).rings) {
    print(`  ${summary.at}  ${summary.outcome.padEnd(7)}  ${summary.text}`);
  }
  workflow.stopAll();
  print('');
  print('Done. Next: npm test runs the property tests, contract suites and layer check.');

  /** Sam answers Alice's ring with a quick reply; Alice types the code her hosts were sent on the keypad, twice. */
  async function answerAndOpen(): Promise<void> {
    const [latest] = (await get(TOKENS.RingHistory).execute({ householdId: HOME, limit: 1 })).rings;
    const phoneConnection = [...names].find(([, name]) => name === phone.name)![0];
    const accessCode = notifier.received(phoneConnection).findLast((message) => message.type === 'accessCode');
    print('');
    print('▸ Sam answers from his phone: "coming"');
    await get(TOKENS.AnswerRing).execute({
      householdId: HOME,
      deviceId: phone.id,
      role: 'resident',
      connectionId: phoneConnection,
      ringId: latest?.ringId,
      reply: 'coming',
    });
    print('');
    print('▸ Alice types the code from the message on the keypad, then once more');
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await get(TOKENS.VerifyAccessCode).execute({
        householdId: HOME,
        role: 'doorbell',
        code: accessCode?.type === 'accessCode' ? accessCode.code : '',
      });
      print(`  keypad: ${result.kind === 'valid' ? `valid, welcome ${result.visitorName}` : result.kind}`);
    }
  }
}

async function sample(file: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(file, SAMPLES)));
}

function pad(name: string): string {
  return name.padEnd(17);
}

function describe(message: ServerMessage): string {
  switch (message.type) {
    case 'ring': {
      const who = message.visitors.map((v) => `${v.name} ${v.similarity}%`).join(', ');
      return `ring: "${message.text}" [${message.outcome}${who ? `: ${who}` : ''}]`;
    }
    case 'error':
      return `error ${message.code}: ${message.message}`;
    case 'accessCode':
      return `access code for ${message.visitorName}, valid until ${message.expiresAt.slice(11, 16)} UTC`;
    case 'answer':
      return `answer: "${message.reply}" from ${message.byName}`;
    case 'ringing':
      return `ringing, answerable until ${message.answerableUntil.slice(11, 19)} UTC (never who is there)`;
    case 'reply':
      return `reply: "${message.reply}"`;
    default:
      return message.type;
  }
}
