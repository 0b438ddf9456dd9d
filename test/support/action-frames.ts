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
  webhooks: fc.constant({ action: 'webhooks' }),
  addWebhook: fc.record(
    {
      action: fc.constant('addWebhook'),
      url: fc.constantFrom('https://example.com/hook', 'ftp://example.com/hook'),
      events: fc.constantFrom(['ring'], ['ring', 'answer']),
    },
    { requiredKeys: ['action', 'url'] },
  ),
  removeWebhook: fc.record({ action: fc.constant('removeWebhook'), webhookId: fc.constantFrom('wh_1', 'wh_unknown') }),
  enableWebhook: fc.record({ action: fc.constant('enableWebhook'), webhookId: fc.constantFrom('wh_1', 'wh_unknown') }),
};
