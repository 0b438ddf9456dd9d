import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient, TaskTimedOut } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StepFunctionsWorkflowCallbacks } from '../../../adapters/step-functions/step-functions-workflow-callbacks';
import { WorkflowCallbackError } from '../../../domain/errors';
import { workflowCallbacksContract } from '../../contracts/workflow-callbacks.contract';
import { FakeStepFunctions } from '../../support/fake-step-functions';

let sfn: FakeStepFunctions;
beforeAll(async () => {
  sfn = await FakeStepFunctions.start();
});
afterAll(() => sfn.close());

/** The real SDK client over HTTP. `maxAttempts` 1 unless a test is about the SDK's own retries. */
const clientOf = (endpoint: string, maxAttempts = 1): SFNClient =>
  new SFNClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts });

const callbacksWith = (maxAttempts?: number) => new StepFunctionsWorkflowCallbacks({ client: clientOf(sfn.endpoint, maxAttempts) });

async function rejectionOf(promise: Promise<unknown>): Promise<WorkflowCallbackError> {
  const error = await promise.then(
    () => expect.unreachable('resolved'),
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(WorkflowCallbackError);
  return error as WorkflowCallbackError;
}

workflowCallbacksContract('Step Functions (loopback)', async () => ({
  callbacks: callbacksWith(),
  startWaiting: async () => sfn.startWaiting(),
  timeOut: async (task) => sfn.timeOut(task.taskToken),
}));

describe('StepFunctionsWorkflowCallbacks over HTTP', () => {
  it("answers 'expired' for TaskTimedOut: a timed-out token", async () => {
    // Arrange
    const task = sfn.startWaiting();
    sfn.timeOut(task.taskToken);

    // Act
    const result = await callbacksWith().succeed(task.taskToken, { reply: 'coming' });

    // Assess
    expect(result).toBe('expired');
    expect(sfn.calls.at(-1)).toMatchObject({ operation: 'SendTaskSuccess', status: 400 });
  });

  it("answers 'expired' for TaskTimedOut on a token used before, from fail as from succeed", async () => {
    // Arrange
    const task = sfn.startWaiting();
    const callbacks = callbacksWith();
    await callbacks.fail(task.taskToken, 'Declined', 'nobody home');

    // Act
    const results = [await callbacks.fail(task.taskToken, 'Declined', 'again'), await callbacks.succeed(task.taskToken, {})];

    // Assess
    expect(results).toEqual(['expired', 'expired']);
  });

  it("answers 'expired' for InvalidToken: a token never issued", async () => {
    expect(await callbacksWith().succeed('AAAA-not-a-token', {})).toBe('expired');
  });

  it("answers 'expired' for TaskDoesNotExist", async () => {
    // Arrange
    const task = sfn.startWaiting();
    sfn.failNext(1, { type: 'TaskDoesNotExist', message: 'Task does not exist' });

    // Act
    const result = await callbacksWith().fail(task.taskToken, 'Declined', 'n/a');

    // Assess
    expect(result).toBe('expired');
  });

  it('rejects, retryable, when throttled past the SDK retries', async () => {
    // Arrange
    const task = sfn.startWaiting();
    sfn.failNext(1, { type: 'ThrottlingException', message: 'Rate exceeded' });

    // Act
    const error = await rejectionOf(callbacksWith(1).succeed(task.taskToken, {}));

    // Assess
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/throttled.*ThrottlingException \(HTTP 400\): Rate exceeded/);
    expect(error.cause).toMatchObject({ name: 'ThrottlingException' });
  });

  it("lets the SDK's own retry absorb a single throttle", async () => {
    // Arrange
    const task = sfn.startWaiting();
    sfn.failNext(1, { type: 'ThrottlingException', message: 'Rate exceeded' });

    // Act
    const result = await callbacksWith(3).succeed(task.taskToken, { reply: 'coming' });

    // Assess
    expect(result).toBe('resumed');
    expect(await task.outcome()).toEqual({ kind: 'succeeded', output: { reply: 'coming' } });
  });

  it('rejects with a clear, non-retryable error on InvalidOutput', async () => {
    // Arrange
    const task = sfn.startWaiting();
    sfn.failNext(1, { type: 'InvalidOutput', message: 'Invalid Output' });

    // Act
    const error = await rejectionOf(callbacksWith().succeed(task.taskToken, {}));

    // Assess
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/SendTaskSuccess: Step Functions refused the task output as invalid JSON/);
  });

  it.each([
    ['500 InternalFailure', { type: 'InternalFailure', status: 500 }, true],
    ['400 AccessDeniedException', { type: 'AccessDeniedException' }, false],
    ['400 KmsAccessDeniedException', { type: 'KmsAccessDeniedException' }, false],
    ['400 KmsThrottlingException', { type: 'KmsThrottlingException' }, true],
  ])('rejects on %s, retryable: %s', async (_name, fault, retryable) => {
    // Arrange
    const task = sfn.startWaiting();
    sfn.failNext(1, fault);

    // Act
    const error = await rejectionOf(callbacksWith().fail(task.taskToken, 'Declined', 'n/a'));

    // Assess
    expect(error.retryable).toBe(retryable);
    expect(error.message).toContain(fault.type);
  });

  it('rejects, retryable, when Step Functions cannot be reached', async () => {
    // Arrange
    const closed = await FakeStepFunctions.start();
    await closed.close();
    const callbacks = new StepFunctionsWorkflowCallbacks({ client: clientOf(closed.endpoint) });

    // Act
    const error = await rejectionOf(callbacks.succeed('token', {}));

    // Assess
    expect(error.retryable).toBe(true);
    expect(error.cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses output that has no JSON form or is over 256 KiB, without a request', async () => {
    // Arrange
    const task = sfn.startWaiting();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const callsBefore = sfn.calls.length;
    const callbacks = callbacksWith();

    // Act
    const errors = [
      await rejectionOf(callbacks.succeed(task.taskToken, cyclic)),
      await rejectionOf(callbacks.succeed(task.taskToken, 10n)),
      await rejectionOf(callbacks.succeed(task.taskToken, () => 'reply')),
      await rejectionOf(callbacks.succeed(task.taskToken, 'é'.repeat(140_000))),
    ];

    // Assess
    expect(errors.map((error) => error.retryable)).toEqual([false, false, false, false]);
    expect(errors[3]?.message).toMatch(/256 KiB/);
    expect(sfn.calls.length).toBe(callsBefore);
  });

  it('sends undefined output as JSON null, like the in-memory twin', async () => {
    // Arrange
    const task = sfn.startWaiting();

    // Act
    await callbacksWith().succeed(task.taskToken, undefined);

    // Assess
    expect(await task.outcome()).toEqual({ kind: 'succeeded', output: null });
  });

  it('cuts an over-long error and cause to what Step Functions accepts, and the task still fails with them', async () => {
    // Arrange
    const task = sfn.startWaiting();
    const error = `Declined${'!'.repeat(300)}`;
    const cause = '🔔'.repeat(40_000); // astral characters: a cut must not split a surrogate pair

    // Act
    const result = await callbacksWith().fail(task.taskToken, error, cause);

    // Assess
    expect(result).toBe('resumed');
    const outcome = await task.outcome();
    expect(outcome).toMatchObject({ kind: 'failed', error: error.slice(0, 256) });
    const received = outcome.kind === 'failed' ? (outcome.cause ?? '') : '';
    expect(Array.from(received)).toHaveLength(32_768);
    expect(received.endsWith('🔔…')).toBe(true);
  });
});

describe('StepFunctionsWorkflowCallbacks, calls seen by a mocked SFNClient', () => {
  // Mocks this one client instance only, so the HTTP tests above keep the real `send`.
  const mocked = () => {
    const client = new SFNClient({ region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    return { client, mock: mockClient(client), callbacks: new StepFunctionsWorkflowCallbacks({ client }) };
  };

  it('sends the output as its exact JSON string', async () => {
    // Arrange
    const { mock, callbacks } = mocked();
    mock.on(SendTaskSuccessCommand).resolves({});

    // Act
    const result = await callbacks.succeed('token-1', { reply: 'coming', by: 'Sam', eta: 2 });

    // Assess
    expect(result).toBe('resumed');
    expect(mock).toHaveReceivedCommandExactlyOnceWith(SendTaskSuccessCommand, {
      taskToken: 'token-1',
      output: '{"reply":"coming","by":"Sam","eta":2}',
    });
  });

  it('truncates error to 256 and cause to 32,768 characters, keeping short ones as they are', async () => {
    // Arrange
    const { mock, callbacks } = mocked();
    mock.on(SendTaskFailureCommand).resolves({});

    // Act
    await callbacks.fail('token-1', 'E'.repeat(257), 'c'.repeat(32_769));
    await callbacks.fail('token-2', 'Declined', 'nobody home');

    // Assess
    expect(mock).toHaveReceivedNthCommandWith(SendTaskFailureCommand, 1, {
      taskToken: 'token-1',
      error: 'E'.repeat(256),
      cause: `${'c'.repeat(32_767)}…`,
    });
    expect(mock).toHaveReceivedNthCommandWith(SendTaskFailureCommand, 2, {
      taskToken: 'token-2',
      error: 'Declined',
      cause: 'nobody home',
    });
  });

  it("answers 'expired' for a modeled TaskTimedOut exception", async () => {
    // Arrange
    const { mock, callbacks } = mocked();
    mock.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'Provided task does not exist anymore', $metadata: {} }));

    // Act
    const result = await callbacks.succeed('token-1', {});

    // Assess
    expect(result).toBe('expired');
  });
});
