import type { Enroll } from '../../application/enroll';
import { mayPerform } from '../../domain/protocol/device-actions';
import type { Forget } from '../../application/forget';
import type { ListVisitors } from '../../application/list-visitors';
import { errorMessage, visitorsMessage, type ServerMessage } from '../../domain/protocol/server-messages';
import type { VisitorMessage } from '../../domain/protocol/client-messages';
import type { DeviceIdentity } from './websocket-events/device-identity';

export interface VisitorUseCases {
  readonly listVisitors: Pick<ListVisitors, 'execute'>;
  readonly enroll: Pick<Enroll, 'execute'>;
  readonly forget: Pick<Forget, 'execute'>;
}

/**
 * A resident's visitor action → the reply: the household's visitors (with what changed), or an error. Doorbells
 * are refused: a camera on the porch must not be able to teach or forget faces.
 */
export async function visitorReply(
  message: VisitorMessage,
  device: DeviceIdentity,
  useCases: VisitorUseCases | undefined,
): Promise<ServerMessage> {
  if (!useCases) return errorMessage('unknown-action', `the action "${message.action}" is not available here`);
  if (!mayPerform(device.role, message.action)) return errorMessage('forbidden', 'only resident devices manage visitors');
  const { householdId } = device;
  const list = () => useCases.listVisitors.execute({ householdId });
  switch (message.action) {
    case 'visitors':
      return visitorsMessage(await list());
    case 'enroll': {
      const result = await useCases.enroll.execute({
        householdId,
        name: message.name,
        photos: message.photos,
        ...(message.trusted === undefined ? {} : { trusted: message.trusted }),
      });
      if (result.kind === 'rejected') return errorMessage('bad-request', result.reason);
      if (result.kind === 'no-face-enrolled')
        return errorMessage('bad-request', 'no face was found in the photo; try one that shows the face clearly');
      const photos = result.photos.map((photo) => photo.kind);
      return visitorsMessage(await list(), { kind: 'enrolled', name: result.visitor.name, created: result.created, photos });
    }
    case 'forget': {
      const result = await useCases.forget.execute({ householdId, name: message.name });
      if (result.kind === 'not-found') return errorMessage('not-found', 'no visitor has that name');
      return visitorsMessage(await list(), { kind: 'forgotten', name: result.visitor.name });
    }
  }
}
