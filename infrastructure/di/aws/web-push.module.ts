import { ContainerModule } from 'inversify';
import * as v from 'valibot';
import { DEFAULT_VAPID_SUBJECT, VAPID_SUBJECT_PATTERN } from '../../../adapters/web-push/vapid-subject';
import { WebPushSender } from '../../../adapters/web-push/web-push-sender';
import type { RingSettings } from '../../../application/settings';
import type { VapidKeyStore } from '../../../domain/ports/vapid-key-store';
import { readEnvironment, type Environment } from '../config';
import { TOKENS } from '../tokens';

// A module of its own: `web-push` (and its dependencies) is CommonJS that no bundler can drop, so only the function
// that sends pushes (push-ring) imports this file; the one that makes and hands out keys imports vapid-keys.module.

const vapidSubject = () => v.pipe(v.string(), v.trim(), v.regex(VAPID_SUBJECT_PATTERN, 'must be a mailto: address or an https: URL'));

/** Web Push with the `web-push` library; `PUSH_CONTACT` is the VAPID subject (default DEFAULT_VAPID_SUBJECT). */
export function webPushModule(environment: Environment): ContainerModule {
  const { PUSH_CONTACT } = readEnvironment(environment, { PUSH_CONTACT: v.optional(vapidSubject(), DEFAULT_VAPID_SUBJECT) });
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.PushSender).toResolvedValue(
      (keys: VapidKeyStore, settings: RingSettings) =>
        new WebPushSender({ keys, subject: PUSH_CONTACT, maxSockets: settings.pushConcurrency }),
      [TOKENS.VapidKeyStore, TOKENS.RingSettings],
    );
  });
}
