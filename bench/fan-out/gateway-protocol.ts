/** What the fan-out benchmark and its gateway process (gateway-process.ts) say to each other over IPC. */

export const FAN_OUT_HOUSEHOLD = 'home-fan-out';

/** The gateway is up and every socket open: its management endpoint and the connections it admitted. */
export interface FanOutReady {
  readonly kind: 'ready';
  readonly managementEndpoint: string;
  readonly connections: readonly { readonly connectionId: string; readonly connectedAt: number }[];
  /** CPU time this process has used so far (user + system, µs). */
  readonly cpuMicros: number;
}

/** How many frames of the ring each socket received, in socket order. */
export interface FanOutCounted {
  readonly kind: 'counted';
  readonly perSocket: readonly number[];
  /** CPU time this process has used so far (user + system, µs): the gateway's and the sockets' share of a fan-out. */
  readonly cpuMicros: number;
}

/** Benchmark → gateway process. */
export type FanOutMessage = { readonly kind: 'count'; readonly ringId: string } | { readonly kind: 'stop' };
