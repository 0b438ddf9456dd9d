import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../infrastructure/di/config';
import { vapidKeysModule } from '../../../infrastructure/di/aws/vapid-keys.module';
import { webPushModule } from '../../../infrastructure/di/aws/web-push.module';

describe('the Web Push modules read their variables at cold start', () => {
  it('take PUSH_CONTACT as a mailto: address or an https: URL, or leave the default', () => {
    for (const contact of [undefined, 'mailto:owner@example.org', 'https://example.org/doorbell']) {
      expect(() => webPushModule(contact === undefined ? {} : { PUSH_CONTACT: contact })).not.toThrow();
    }
  });

  it('refuse a PUSH_CONTACT that is neither, and a VAPID_KEYS_SECRET_ARN that is missing or not an ARN, naming the variable', () => {
    expect(() => webPushModule({ PUSH_CONTACT: 'owner@example.org' })).toThrow(ConfigError);
    expect(() => webPushModule({ PUSH_CONTACT: 'owner@example.org' })).toThrow(/PUSH_CONTACT: must be a mailto: address or an https: URL/);
    expect(() => vapidKeysModule({}, { generate: false })).toThrow(/VAPID_KEYS_SECRET_ARN: is required but not set/);
    expect(() => vapidKeysModule({ VAPID_KEYS_SECRET_ARN: 'VapidKeys' }, { generate: false })).toThrow(
      /must be a Secrets Manager secret ARN/,
    );
  });
});
