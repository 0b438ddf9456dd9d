import { FACE_MODEL_SIZING, LAMBDA_SIZING } from '../../infrastructure/cdk/lambda-functions';
import type { RingUsage } from './cost-model';

/**
 * One ring in a household with two residents' devices and the doorbell connected, as the code paths make it.
 * Durations are assumptions (not measured on Lambda); memory is what the stack configures.
 */
export const DEVICES_CONNECTED = 3;

export const RING_USAGE: RingUsage = {
  lambdas: [
    { name: 'on-doorbell-message (requestUpload)', memoryMb: LAMBDA_SIZING['on-doorbell-message'].memorySize, durationMs: 60 },
    { name: 'identify', memoryMb: LAMBDA_SIZING.identify.memorySize, durationMs: 800 },
    { name: 'announce', memoryMb: LAMBDA_SIZING.announce.memorySize, durationMs: 150 },
  ],
  // Identify, IsRingPhoto, Announce, and the execution's end: counted as 4 to stay on the safe side.
  stateTransitions: 4,
  // requestUpload in, uploadUrl out, one ring per connected device.
  webSocketMessages: 2 + DEVICES_CONNECTED,
  // requestUpload: device, ring window; identify: visitors; announce: ring, doorbell device, connections (GSI).
  dynamoDbReads: 6,
  // ring window (conditional), ring (conditional create), announcement claim (conditional).
  dynamoDbWrites: 3,
  // the doorbell's upload; identify reads the photo, one device opens the snapshot.
  s3Puts: 1,
  s3Gets: 2,
  eventBridgeEvents: 1,
};

/**
 * The same ring with the face model in identify (`-c doorbell:recognizer=model`): identify at the model's memory for
 * `identifyMs` (measured by the benchmark), and one Query of the household's descriptors: items of ≈ 600 bytes, so
 * up to 13 enrolled faces are 2 read units (strongly consistent, 4 KB each), counted as 2.
 */
export function faceModelRingUsage(identifyMs: number): RingUsage {
  return {
    ...RING_USAGE,
    lambdas: RING_USAGE.lambdas.map((fn) =>
      fn.name === 'identify' ? { ...fn, memoryMb: FACE_MODEL_SIZING.identify.memorySize, durationMs: Math.ceil(identifyMs) } : fn,
    ),
    dynamoDbReads: RING_USAGE.dynamoDbReads + 2,
  };
}
