import fc from 'fast-check';
import type { DeviceAction } from '../../domain/protocol/device-actions';

/**
 * For every action of the roles table, frames a device could send that pass validation, so that what answers them
 * is the role check and the use case, never the parser. Typed by the table: a new action needs its frames here.
 */
export const ACTION_FRAMES: { readonly [A in DeviceAction]: fc.Arbitrary<Record<string, unknown>> } = {
  ping: fc.constant({ action: 'ping' }),
  history: fc.record({ action: fc.constant('history'), limit: fc.integer({ min: 1, max: 100 }) }, { requiredKeys: ['action'] }),
  requestUpload: fc.record({ action: fc.constant('requestUpload'), contentLength: fc.integer({ min: 1, max: 5 * 1024 * 1024 }) }),
  answer: fc.record({
    action: fc.constant('answer'),
    ringId: fc.constantFrom('ring-1', 'ring-unknown'),
    reply: fc.constantFrom('coming', 'not-home'),
  }),
  verifyCode: fc.record({ action: fc.constant('verifyCode'), code: fc.stringMatching(/^[0-9]{6}$/) }),
  visitors: fc.constant({ action: 'visitors' }),
  // Base64 of bytes that are no photo: the reply says so, and nothing is enrolled.
  enroll: fc.record({ action: fc.constant('enroll'), name: fc.constantFrom('Carol', 'Dan'), photos: fc.constant(['bm90IGEgcGhvdG8=']) }),
  forget: fc.record({ action: fc.constant('forget'), name: fc.constantFrom('Alice', 'Nobody') }),
  pushKey: fc.constant({ action: 'pushKey' }),
  subscribePush: fc.record({
    action: fc.constant('subscribePush'),
    subscription: fc.record({
      endpoint: fc.constantFrom('https://push.example.com/sub/1', 'https://push.example.com/sub/2'),
      keys: fc.constant({ p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) }),
    }),
  }),
  unsubscribePush: fc.record({ action: fc.constant('unsubscribePush'), endpoint: fc.constant('https://push.example.com/sub/1') }),
  pushSubscriptions: fc.constant({ action: 'pushSubscriptions' }),
};
