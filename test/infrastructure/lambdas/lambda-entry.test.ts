import { describe, expect, it } from 'vitest';
import { lambdaEntry, type EntryTelemetry, type LambdaContext } from '../../../infrastructure/lambdas/lambda-entry';
import { lambdaContext } from './lambda-context';

function recording() {
  const calls: string[] = [];
  const telemetry: EntryTelemetry = {
    powertoolsLogger: { addContext: (context: LambdaContext) => void calls.push(`context ${context.awsRequestId}`) },
    flush: () => void calls.push('flush'),
  };
  return { calls, telemetry };
}

describe('lambdaEntry', () => {
  it('puts the request id on the logger, runs the handler, then flushes the metrics', async () => {
    const { calls, telemetry } = recording();
    const handler = lambdaEntry(telemetry, async (event) => {
      calls.push(`handle ${JSON.stringify(event)}`);
      return { statusCode: 200 };
    });

    expect(await handler({ n: 1 }, lambdaContext('doorbell-on-connect', 'request-1'))).toEqual({ statusCode: 200 });
    await handler({ n: 2 }, lambdaContext('doorbell-on-connect', 'request-2'));

    expect(calls).toEqual(['context request-1', 'handle {"n":1}', 'flush', 'context request-2', 'handle {"n":2}', 'flush']);
  });

  it('flushes the metrics when the handler throws, and rethrows', async () => {
    const { calls, telemetry } = recording();
    const handler = lambdaEntry(telemetry, async () => {
      throw new Error('Unauthorized');
    });

    await expect(handler({}, lambdaContext('doorbell-authorizer'))).rejects.toThrow('Unauthorized');
    expect(calls.at(-1)).toBe('flush');
  });
});
