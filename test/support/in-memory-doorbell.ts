import type { Container } from 'inversify';
import type { InMemoryDeviceNotifier } from '../../adapters/in-memory/in-memory-device-notifier';
import type { InMemoryPhotoStore } from '../../adapters/in-memory/in-memory-photo-store';
import { ManualClock } from '../../adapters/in-memory/manual-clock';
import { SequentialIdGenerator } from '../../adapters/in-memory/sequential-id-generator';
import type { RingSettings } from '../../application/settings';
import type { DeviceRole } from '../../domain/device';
import { connectionId, householdId, householdId as toHouseholdId, ringId, type ConnectionId, type HouseholdId } from '../../domain/ids';
import type { Device } from '../../domain/device';
import type { FaceRecognizer } from '../../domain/ports/face-recognizer';
import { IN_MEMORY } from '../../infrastructure/di/in-memory.module';
import { TOKENS } from '../../infrastructure/di/tokens';
import { inMemoryContainer } from '../../infrastructure/local/in-memory-container';
import type { AnnounceResult } from '../../application/announce';
import type { RingIntakeResult } from '../../application/ring-intake';
import { containerRingWorkflow } from '../../infrastructure/local/container-ring-workflow';
import { objectCreatedEvent } from '../../infrastructure/local/object-created-event';
import type { IdentifyOutput } from '../../adapters/lambda/workflow-events';
import { T0 } from './builders';

/**
 * The doorbell assembled from the same inversify modules the Lambdas use, with in-memory adapters, a manual clock
 * and readable ids; plus the moves a test makes as a device (connect, press the doorbell, upload).
 */
export interface InMemoryDoorbellOptions {
  readonly tokenSecret?: string;
  /** Replaces the recognizer, given the in-memory one (e.g. to make it fail). */
  readonly recognizer?: (inMemory: FaceRecognizer) => FaceRecognizer;
  /** Changes the container before anything is resolved, e.g. DynamoDB repositories instead of in-memory ones. */
  readonly storage?: (container: Container) => void;
}

export function inMemoryDoorbell(settings: Partial<RingSettings> = {}, options: InMemoryDoorbellOptions = {}) {
  const clock = new ManualClock(T0);
  const { recognizer, storage, ...containerOptions } = options;
  const container: Container = inMemoryContainer({ clock, ids: new SequentialIdGenerator(), settings, ...containerOptions });
  storage?.(container);
  if (recognizer) {
    const inMemory = container.get(TOKENS.FaceRecognizer);
    container.rebind(TOKENS.FaceRecognizer).toConstantValue(recognizer(inMemory));
  }
  const get = container.get.bind(container);
  const notifier: InMemoryDeviceNotifier = get(IN_MEMORY.DeviceNotifier);
  const photos: InMemoryPhotoStore = get(IN_MEMORY.PhotoStore);
  const rings = get(TOKENS.RingRepository);
  // The deployed workflow definition with the Lambda handlers, over the container's use cases. Announce results
  // are kept per claimant (= execution) so tests can look at them, not only at the handlers' JSON summaries.
  const announcements = new Map<string, AnnounceResult>();
  const workflow = containerRingWorkflow(container, {
    retryDelayMs: 0,
    onAnnounced: (claimant, result) => announcements.set(claimant, result),
  });
  let connections = 0;
  let runs = 0;

  const doorbell = {
    container,
    clock,
    notifier,
    photos,
    workflow,
    get,

    async registerDevice(householdId: HouseholdId, role: DeviceRole, name: string): Promise<Device> {
      const result = await get(TOKENS.RegisterDevice).execute({ householdId, role, name });
      if (result.kind !== 'registered') throw new Error(result.reason);
      return result.device;
    },

    /** Registers a device and opens a connection for it; the notifier records what it receives. */
    async connect(householdId: HouseholdId, role: DeviceRole, name = role === 'doorbell' ? 'front door' : 'Phone') {
      const device = await doorbell.registerDevice(householdId, role, name);
      const id: ConnectionId = connectionId(`conn-${++connections}`);
      notifier.connect(id);
      await get(TOKENS.Connect).execute({ id, householdId, deviceId: device.id, role, connectedAt: clock.now() });
      return { device, connectionId: id, received: () => notifier.received(id) };
    },

    /**
     * The doorbell is pressed: it asks for an upload URL and uploads the photo. Returns the photo key. `camera: false`:
     * pressed without a camera (the photo is the card a door page draws).
     */
    async press(device: Device, photo: Uint8Array, options: { readonly camera?: boolean } = {}): Promise<string> {
      const grant = await get(TOKENS.RequestUpload).execute({
        householdId: device.householdId,
        deviceId: device.id,
        role: device.role,
        contentLength: photo.byteLength,
        ...options,
      });
      if (grant.kind !== 'granted') throw new Error(grant.reason);
      const upload = photos.acceptUpload(grant.upload.url, photo);
      // 'already-uploaded': a press in the same millisecond as the previous one of its ring got the same key (the
      // manual clock stands still); the key's photo stays the first one, as S3 keeps it.
      if (upload.kind === 'refused') throw new Error(upload.reason);
      return grant.photoKey;
    },

    /**
     * The "Object Created" event for a photo key runs the ring workflow (a new execution each time, as a redelivered
     * event would), until the run waits for an answer (or ends, if it never waits); `finished` is the run's end.
     */
    async objectCreated(photoKey: string): Promise<RingWorkflowResult> {
      const run = `run-${++runs}`;
      const photo = await photos.read(photoKey);
      const event = objectCreatedEvent({
        bucket: 'photos',
        key: photoKey,
        size: photo?.byteLength ?? 0,
        at: new Date(clock.now()),
        eventId: run,
      });
      const started = workflow.start(event, run);
      const final = await started.answerWait;
      const identified = final['identified'] as IdentifyOutput;
      const intake: RingIntakeResult =
        identified.kind === 'recorded'
          ? {
              kind: 'recorded',
              ring: (await rings.get(householdId(identified.householdId), ringId(identified.ringId), clock.now()))!,
              fresh: identified.fresh,
            }
          : identified;
      const announcement = [...announcements].find(([claimant]) => claimant.endsWith(`:${run}`))?.[1];
      return { intake, ...(announcement === undefined ? {} : { announcement }), final, finished: started.finished };
    },

    /** Press and let the workflow run. */
    async ring(device: Device, photo: Uint8Array, options: { readonly camera?: boolean } = {}): Promise<RingWorkflowResult> {
      return doorbell.objectCreated(await doorbell.press(device, photo, options));
    },

    async enroll(householdId: HouseholdId, name: string, photo: Uint8Array, trusted = false) {
      return get(TOKENS.Enroll).execute({ householdId, name, trusted, photos: [photo] });
    },
  };
  return doorbell;
}

export interface RingWorkflowResult {
  readonly intake: RingIntakeResult;
  readonly announcement?: AnnounceResult;
  /** The execution's state when it started waiting for an answer, or its final state if it never waited. */
  readonly final: Record<string, unknown>;
  /** The execution's final state, once answered or timed out. */
  readonly finished: Promise<Record<string, unknown>>;
}

export const HOME: HouseholdId = toHouseholdId('home-1');
export const OTHER_HOME: HouseholdId = toHouseholdId('home-2');
