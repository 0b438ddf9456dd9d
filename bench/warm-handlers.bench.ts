import { makeConnectHandler } from '../adapters/lambda/connect-handler';
import { makeDisconnectHandler } from '../adapters/lambda/disconnect-handler';
import { SILENT_TELEMETRY } from '../adapters/lambda/telemetry';
import type { OpenConnection } from '../domain/connection';
import { connectionId, deviceId, householdId } from '../domain/ids';
import { TOKENS } from '../infrastructure/di/tokens';
import { inMemoryContainer } from '../infrastructure/local/in-memory-container';
import { connectEvent, disconnectEvent } from '../test/adapters/lambda/websocket-fixtures';
import type { Benchmark, Figure } from './section';
import { verdict } from './section';
import { fixed, median, ratio, times } from './stats';

const TARGET_US = 20;

type Calls = (index: number) => Promise<unknown>;

/** µs per call of each batch: `calls` run `size` times one after another (awaited, as the runtime would). */
async function microsecondsPerCall(calls: Calls, size: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < size; index += 1) await calls(index);
  return Number(process.hrtime.bigint() - started) / 1e3 / size;
}

export const warmHandlers: Benchmark = {
  id: 'warm-handlers',
  title: 'Warm handler overhead',
  async run({ quick }) {
    const batches = quick ? 5 : 31;
    const size = quick ? 200 : 2000;
    const container = inMemoryContainer();
    const connect = container.get(TOKENS.Connect);
    const disconnect = container.get(TOKENS.Disconnect);
    const onConnect = makeConnectHandler({ connect, telemetry: SILENT_TELEMETRY });
    const onDisconnect = makeDisconnectHandler({ disconnect, telemetry: SILENT_TELEMETRY });

    // Events and commands are made up front: only the calls are timed.
    const device = { householdId: 'home-bench', deviceId: 'phone', role: 'resident' } as const;
    const ids = Array.from({ length: size }, (_, index) => `bench${String(index).padStart(8, '0')}=`);
    const connectEvents = ids.map((id, index) => connectEvent({ connectionId: id, connectedAt: Date.now() + index, device }));
    const disconnectEvents = ids.map((id) => disconnectEvent({ connectionId: id }));
    const commands: OpenConnection[] = ids.map((id, index) => ({
      id: connectionId(id),
      connectedAt: Date.now() + index,
      householdId: householdId(device.householdId),
      deviceId: deviceId(device.deviceId),
      role: device.role,
    }));
    const empty = async (_index: number): Promise<void> => undefined;

    // Each batch connects every id, then disconnects them all, so the store returns to empty between batches.
    const kinds = {
      'connect handler': (index: number) => onConnect(connectEvents[index]),
      'disconnect handler': (index: number) => onDisconnect(disconnectEvents[index]),
      'Connect use case': (index: number) => connect.execute(commands[index]!),
      'Disconnect use case': (index: number) => disconnect.execute({ connectionId: commands[index]!.id }),
      'empty async function': empty,
    } satisfies Record<string, Calls>;
    type Kind = keyof typeof kinds;
    const samples = Object.fromEntries(Object.keys(kinds).map((kind) => [kind, [] as number[]])) as Record<Kind, number[]>;
    const order: Kind[][] = [
      ['connect handler', 'disconnect handler'],
      ['Connect use case', 'Disconnect use case'],
      ['empty async function'],
    ];
    const warmUp = 3;
    for (let batch = 0; batch < warmUp + batches; batch += 1) {
      for (const pair of order) {
        for (const kind of pair) {
          const perCall = await microsecondsPerCall(kinds[kind], size);
          if (batch >= warmUp) samples[kind].push(perCall);
        }
      }
    }
    const us = Object.fromEntries(Object.entries(samples).map(([kind, values]) => [kind, median(values)])) as Record<Kind, number>;

    const figure = (handler: Kind, useCase: Kind): Figure => ({
      name: `${handler}: µs per call (in-memory adapters)`,
      value: `${fixed(us[handler], 2)} µs`,
      baseline:
        `use case alone ${fixed(us[useCase], 2)} µs (${times(ratio(us[handler], us[useCase]))}); ` +
        `handler adds ${fixed(us[handler] - us[useCase], 2)} µs`,
      target: `≤ ${TARGET_US} µs`,
      verdict: verdict(us[handler] <= TARGET_US),
    });
    return {
      id: 'warm-handlers',
      title: 'Warm handler overhead',
      figures: [figure('connect handler', 'Connect use case'), figure('disconnect handler', 'Disconnect use case')],
      tables: [
        {
          columns: ['call', 'µs per call (median of batches)'],
          rows: Object.entries(us).map(([kind, value]) => [kind, fixed(value, 2)]),
        },
      ],
      notes: [
        `The $connect and $disconnect handlers of \`adapters/lambda/\` over the in-memory container (the Lambdas' use-case module ` +
          `with in-memory adapters), called ${size} times in a row per batch, ${batches} batches after ${warmUp} of warm-up; each ` +
          'figure is the median of the batches. A handler call validates the API Gateway event (valibot), runs the use case and counts ' +
          'the metric; logging goes to a silent sink so that stdout is not what is measured. Baselines in the same run: the use ' +
          'case called directly with a ready command, and an empty async function.',
      ],
      data: { batches, size, microsecondsPerCall: us, samples },
    };
  },
};
