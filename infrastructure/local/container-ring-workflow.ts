import type { Container } from 'inversify';
import { makeAnnounceHandler } from '../../adapters/lambda/announce-handler';
import { makeIdentifyHandler } from '../../adapters/lambda/identify-handler';
import { SILENT_TELEMETRY, type HandlerTelemetry } from '../../adapters/lambda/telemetry';
import type { AnnounceResult } from '../../application/announce';
import { TOKENS } from '../di/tokens';
import { LocalRingWorkflow, type LocalRingWorkflowOptions } from './local-ring-workflow';

export interface ContainerRingWorkflowOptions extends LocalRingWorkflowOptions {
  readonly telemetry?: HandlerTelemetry;
  /** Sees each Announce result with its claimant (the execution id): who was notified, pruned, or failed. */
  readonly onAnnounced?: (claimant: string, result: AnnounceResult) => void;
}

/**
 * The deployed ring workflow, run locally over a container's use cases through the same Lambda handlers
 * (identify, announce) that the deployed functions run.
 */
export function containerRingWorkflow(container: Container, options: ContainerRingWorkflowOptions = {}): LocalRingWorkflow {
  const telemetry = options.telemetry ?? SILENT_TELEMETRY;
  const announce = container.get(TOKENS.Announce);
  return new LocalRingWorkflow(
    {
      identify: makeIdentifyHandler({
        identify: container.get(TOKENS.Identify),
        recordUnidentified: container.get(TOKENS.RecordUnidentifiedRing),
        telemetry,
      }),
      announce: makeAnnounceHandler({
        announce: {
          execute: async (command) => {
            const result = await announce.execute(command);
            options.onAnnounced?.(command.claimant, result);
            return result;
          },
        },
        telemetry,
      }),
    },
    options,
  );
}
