import path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { DEFAULT_RING_SETTINGS, ringSettings, type RingSettings } from '../../application/settings';
import {
  LAMBDA_ROOT_NAMES,
  LAMBDA_ROOTS,
  type RING_SETTING_VARIABLES,
  type LambdaRoot,
  type LambdaRootName,
  type ResourceVariable,
} from '../lambdas/functions';
import { PROJECT_ROOT } from './native-modules';

/**
 * The Lambda functions as deployed. What each one is (entry, service name, exactly the variables it reads) is
 * `infrastructure/lambdas/functions.ts`, next to the composition roots; what it runs on (memory, timeout, native
 * modules) is decided here.
 */
export const LAMBDA_DIR = path.join(PROJECT_ROOT, 'infrastructure', 'lambdas');

export type { LambdaRoot, ResourceVariable };
export type LambdaFunctionName = LambdaRootName;
export const LAMBDA_FUNCTION_NAMES: readonly LambdaFunctionName[] = LAMBDA_ROOT_NAMES;
export type RingSettingVariable = (typeof RING_SETTING_VARIABLES)[number];

export interface LambdaSizing {
  readonly memorySize: number;
  readonly timeout: Duration;
  /** Native modules shipped beside the bundle instead of in it. */
  readonly nativeModules?: readonly 'sharp'[];
}

/**
 * API Gateway waits at most 29 s for a route's integration; the workflow's Task timeouts are 60 s (Identify,
 * Announce) and 30 s (RecordUnidentifiedRing, which runs identify too), so identify must finish within 30 s.
 */
export const LAMBDA_SIZING: { readonly [K in LambdaFunctionName]: LambdaSizing } = {
  authorizer: { memorySize: 256, timeout: Duration.seconds(5) },
  'on-connect': { memorySize: 256, timeout: Duration.seconds(5) },
  'on-disconnect': { memorySize: 256, timeout: Duration.seconds(5) },
  'on-message': { memorySize: 256, timeout: Duration.seconds(5) },
  // The residents' enroll and forget go through the Rekognition adapter, which can crop faces with sharp (only a
  // scan does, and it loads sharp then), so sharp ships beside this bundle too.
  'on-resident-message': { memorySize: 512, timeout: Duration.seconds(10), nativeModules: ['sharp'] },
  // A press waits on it (the upload URL): the CPU that comes with memory shortens its cold start.
  'on-doorbell-message': { memorySize: 512, timeout: Duration.seconds(10) },
  // Decoding and cropping each face (sharp) wants the CPU that comes with memory.
  identify: { memorySize: 1024, timeout: Duration.seconds(25), nativeModules: ['sharp'] },
  announce: { memorySize: 512, timeout: Duration.seconds(30) },
  'answer-window': { memorySize: 256, timeout: Duration.seconds(10) },
  // A batch of up to 10 deliveries in parallel, each at most DELIVERY_ATTEMPT_TIMEOUT (10 s); under the queue's
  // 2-minute visibility timeout.
  'deliver-webhooks': { memorySize: 256, timeout: Duration.seconds(60) },
};

/** The functions that recognize faces: enroll and forget (on-resident-message), scan (identify). */
export const RECOGNIZING_FUNCTIONS = ['identify', 'on-resident-message'] as const satisfies readonly LambdaFunctionName[];

/**
 * Their sizing with the face model (`-c doorbell:recognizer=model`): the model's RSS is ≈ 410 MiB (measured by the
 * face-model benchmark) on top of the function's own, and the memory also buys the CPU inference runs on (1536 MB is
 * close to one vCPU); loading the model takes a few seconds on a cold start, which the timeouts allow for (identify's
 * stays under the workflow's 30 s, on-resident-message's under API Gateway's 29 s).
 */
export const FACE_MODEL_SIZING: { readonly [K in (typeof RECOGNIZING_FUNCTIONS)[number]]: LambdaSizing } = {
  identify: { memorySize: 1536, timeout: Duration.seconds(25), nativeModules: ['sharp'] },
  'on-resident-message': { memorySize: 1536, timeout: Duration.seconds(25), nativeModules: ['sharp'] },
};

/** A function's sizing with the given recognizer. */
export function sizingOf(name: LambdaFunctionName, recognizer: 'rekognition' | 'model'): LambdaSizing {
  const recognizing = (RECOGNIZING_FUNCTIONS as readonly LambdaFunctionName[]).includes(name);
  return recognizer === 'model' && recognizing ? FACE_MODEL_SIZING[name as (typeof RECOGNIZING_FUNCTIONS)[number]] : LAMBDA_SIZING[name];
}

export function lambdaRoot(name: LambdaFunctionName): LambdaRoot {
  return LAMBDA_ROOTS[name];
}

/** The ring settings as the variables `ringSettingsFromEnvironment` reads (validated here first). */
export function ringSettingVariables(overrides: Partial<RingSettings> = {}): Record<RingSettingVariable, string> {
  const s = ringSettings({ ...DEFAULT_RING_SETTINGS, ...overrides });
  return {
    MATCH_THRESHOLD: String(s.matchThreshold),
    DEBOUNCE_SECONDS: String(s.debounceWindow / 1000),
    RETENTION_DAYS: String(s.retentionDays),
    SNAPSHOT_LINK_SECONDS: String(Math.round(s.snapshotLinkExpiry / 1000)),
    UPLOAD_LINK_SECONDS: String(Math.round(s.uploadLinkExpiry / 1000)),
    PUSH_CONCURRENCY: String(s.pushConcurrency),
    ANSWER_WINDOW_SECONDS: String(s.answerWindow / 1000),
  };
}

/** Exactly the variables `root` reads, from `values` (and the ring settings when it reads those). */
export function environmentOf(
  root: LambdaRoot,
  values: Readonly<Record<ResourceVariable, string>>,
  settings: Readonly<Record<RingSettingVariable, string>>,
): Record<string, string> {
  return {
    ...Object.fromEntries(root.variables.map((name) => [name, values[name]])),
    ...(root.ringSettings ? settings : {}),
  };
}
