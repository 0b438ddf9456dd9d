import type { PushDelivery, PushOptions, PushSender } from '../../domain/ports/push-sender';
import type { PushSubscription } from '../../domain/push-subscription';
import { copy } from './copy';

export interface RecordedPush {
  readonly subscription: PushSubscription;
  readonly payload: string;
  readonly options: PushOptions;
}

/**
 * Records every push instead of sending it; each answers `delivered` unless `answer` says otherwise for its
 * endpoint (e.g. `gone` for one a test has expired).
 */
export class RecordingPushSender implements PushSender {
  readonly sent: RecordedPush[] = [];
  private readonly answers = new Map<string, PushDelivery | Error>();

  /** What pushes to `endpoint` answer from now on (an Error: the push rejects, as a broken adapter would). */
  answer(endpoint: string, delivery: PushDelivery | Error): void {
    this.answers.set(endpoint, delivery);
  }

  async send(subscription: PushSubscription, payload: string, options: PushOptions): Promise<PushDelivery> {
    this.sent.push(copy({ subscription, payload, options }));
    const answer = this.answers.get(subscription.endpoint) ?? { kind: 'delivered' };
    if (answer instanceof Error) throw answer;
    return answer;
  }
}
