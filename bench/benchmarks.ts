import { cliStart } from './cli-start/cli-start.bench';
import { coldStart } from './cold-start/cold-start.bench';
import { faceModel } from './face-model/face-model.bench';
import { fanOut } from './fan-out/fan-out.bench';
import { pushFanOut } from './push-fan-out/push-fan-out.bench';
import { gatewayCapacity } from './gateway-capacity/gateway-capacity.bench';
import { rekognitionCost } from './rekognition/rekognition-cost.bench';
import { ringLatency } from './ring-latency.bench';
import { warmHandlers } from './warm-handlers.bench';
import type { Benchmark } from './section';

/** Every benchmark, in the order of the report. */
export const BENCHMARKS: readonly Benchmark[] = [
  coldStart,
  warmHandlers,
  fanOut,
  // Beside the WebSocket fan-out, so that one run (`--only fan-out,push-fan-out`) measures both.
  pushFanOut,
  ringLatency,
  rekognitionCost,
  gatewayCapacity,
  cliStart,
  faceModel,
];
