import { LAMBDA_SIZING } from '../../infrastructure/cdk/lambda-functions';
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
