import type { Container, ServiceIdentifier } from 'inversify';
import { makeAnnounceHandler } from '../../adapters/lambda/announce-handler';
import { makeAnswerWindowHandler } from '../../adapters/lambda/answer-window-handler';
import { makeIdentifyHandler } from '../../adapters/lambda/identify-handler';
import { SILENT_TELEMETRY, type HandlerTelemetry } from '../../adapters/lambda/telemetry';
import type { AnnounceResult } from '../../application/announce';
import { parseWebhookWork } from '../../adapters/webhooks/webhook-work';
import { IN_MEMORY } from '../di/in-memory.module';
import { TOKENS } from '../di/tokens';
import { LocalRingWorkflow, type LocalRingWorkflowOptions } from './local-ring-workflow';

export interface ContainerRingWorkflowOptions extends LocalRingWorkflowOptions {
  readonly telemetry?: HandlerTelemetry;
  /** Sees each Announce result with its claimant (the execution id): who was notified, pruned, or failed. */
  readonly onAnnounced?: (claimant: string, result: AnnounceResult) => void;
}

/**
 * The deployed ring workflow, run locally over a container's use cases through the same Lambda handlers
 * (identify, announce, answer window) that the deployed functions run. The container's WorkflowCallbacks must be
 * the in-memory twin: the answer wait resumes through it.
 */
export function containerRingWorkflow(container: Container, options: ContainerRingWorkflowOptions = {}): LocalRingWorkflow {
  const telemetry = options.telemetry ?? SILENT_TELEMETRY;
  // Resolved at each call, not now: a test may still rebind a port (a cheaper hasher, a failing recognizer).
  const useCase = <Command, Result>(token: ServiceIdentifier<{ execute(command: Command): Promise<Result> }>) => ({
    execute: (command: Command) => container.get(token).execute(command),
  });
  const settings = container.get(TOKENS.RingSettings);
  return new LocalRingWorkflow(
    {
      identify: makeIdentifyHandler({
        identify: useCase(TOKENS.Identify),
        recordUnidentified: useCase(TOKENS.RecordUnidentifiedRing),
        telemetry,
      }),
      announce: makeAnnounceHandler({
        announce: {
          execute: async (command) => {
            const result = await container.get(TOKENS.Announce).execute(command);
            options.onAnnounced?.(command.claimant, result);
            return result;
          },
        },
        issueAccessCodes: useCase(TOKENS.IssueAccessCode),
        telemetry,
      }),
      answerWindow: makeAnswerWindowHandler({
        awaitAnswer: useCase(TOKENS.AwaitAnswer),
        recordUnanswered: useCase(TOKENS.RecordUnansweredRing),
        telemetry,
      }),
      // Stands for SQS: the message body goes to the container's webhook queue; a bad one fails the state, which
      // the definition catches, as a refused SendMessage would.
      queueWebhookEvent: async (input) => {
        const parsed = parseWebhookWork((input as { MessageBody?: unknown }).MessageBody);
        if (!parsed.ok || parsed.work.kind !== 'event')
          throw new Error(`not a webhook event: ${parsed.ok ? parsed.work.kind : parsed.reason}`);
        await container.get(TOKENS.WebhookQueue).publish(parsed.work.event);
        return {};
      },
    },
    container.get(IN_MEMORY.WorkflowCallbacks),
    settings.answerWindow / 1000,
    options,
  );
}
