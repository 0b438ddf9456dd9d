/** What the fan-out benchmark and its gateway process (gateway-process.ts) say to each other over IPC. */

export const FAN_OUT_HOUSEHOLD = 'home-fan-out';

/** The gateway is up and every socket open: its management endpoint and the connections it admitted. */
export interface FanOutReady {
  readonly kind: 'ready';
  readonly managementEndpoint: string;
  readonly connections: readonly { readonly connectionId: string; readonly connectedAt: number }[];
}

/** How many frames of the ring each socket received, in socket order. */
export interface FanOutCounted {
  readonly kind: 'counted';
  readonly perSocket: readonly number[];
}

/** Benchmark → gateway process. */
export type FanOutMessage = { readonly kind: 'count'; readonly ringId: string } | { readonly kind: 'stop' };
