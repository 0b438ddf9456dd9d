import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import type { Enroll } from '../../application/enroll';
import type { Forget } from '../../application/forget';
import type { IssueDeviceToken } from '../../application/issue-device-token';
import type { ListVisitors } from '../../application/list-visitors';
import type { RingHistory } from '../../application/ring-history';
import type { AddWebhook } from '../../application/add-webhook';
import type { EnableWebhook } from '../../application/enable-webhook';
import type { ListWebhooks } from '../../application/list-webhooks';
import type { RemoveWebhook } from '../../application/remove-webhook';
import { MAX_PHOTO_BYTES } from '../../domain/face';
import { deviceId, isValidId, type HouseholdId } from '../../domain/ids';
import { days } from '../../domain/time';
import { issueSummary, VALUE_FREE_MESSAGES } from '../validation/issues';
import { decodedSegment } from './request-path';
import { BodyTooLargeError, readBody, sendError, sendJson } from './http-io';

export const ADMIN_PATH = '/admin/';

export interface AdminUseCases {
  readonly issueDeviceToken: Pick<IssueDeviceToken, 'execute'>;
  readonly enroll: Pick<Enroll, 'execute'>;
  readonly forget: Pick<Forget, 'execute'>;
  readonly listVisitors: Pick<ListVisitors, 'execute'>;
  readonly ringHistory: Pick<RingHistory, 'execute'>;
  readonly addWebhook: Pick<AddWebhook, 'execute'>;
  readonly listWebhooks: Pick<ListWebhooks, 'execute'>;
  readonly removeWebhook: Pick<RemoveWebhook, 'execute'>;
  readonly enableWebhook: Pick<EnableWebhook, 'execute'>;
}

/** Enrollment photos travel base64 in JSON: 20 photos of 5 MB, plus a third for the encoding. */
const MAX_ADMIN_BODY = Math.ceil(20 * MAX_PHOTO_BYTES * 1.34) + 64 * 1024;

const tokenRequest = v.strictObject({
  role: v.picklist(['resident', 'doorbell']),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  door: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
  deviceId: v.optional(
    v.pipe(
      v.string(),
      v.check((id: string) => isValidId(id), 'an id is 1–128 of [A-Za-z0-9_.-:]'),
    ),
  ),
  days: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(3650))),
});
const webhookRequest = v.strictObject({
  url: v.pipe(v.string(), v.maxLength(4096)),
  events: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(16))),
});
const WEBHOOK_ROUTE = /^webhooks\/([^/]+)(\/enable)?$/;
const enrollRequest = v.strictObject({
  name: v.string(),
  trusted: v.optional(v.boolean()),
  photos: v.pipe(v.array(v.pipe(v.string(), v.base64())), v.minLength(1), v.maxLength(20)),
});

/**
 * The local doorbell's operator API, for the CLI: issue device tokens, enroll and forget visitors, read the
 * history. It is what an operator does with AWS credentials against a deployed stack; locally it needs the admin
 * key the server writes next to its data (compared in constant time). JSON in, JSON out; bad input is a 400.
 * @throws (the handler) what a use case throws unexpectedly; bad input, a refused key or a body too large is an
 *   HTTP answer, never an exception.
 */
export function adminApi(options: { readonly householdId: HouseholdId; readonly adminKey: string; readonly useCases: AdminUseCases }) {
  const { householdId, useCases } = options;
  const expectedKey = Buffer.from(`Bearer ${options.adminKey}`);

  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(ADMIN_PATH)) return false;
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expectedKey.length || !timingSafeEqual(given, expectedKey)) {
      sendError(response, 401, 'unauthorized', 'missing or wrong admin key (see .doorbell/admin-key)');
      return true;
    }
    const route = `${request.method} ${url.pathname.slice(ADMIN_PATH.length)}`;
    try {
      if (route === 'POST tokens') {
        const body = v.parse(tokenRequest, await json(request), VALUE_FREE_MESSAGES);
        const result = await useCases.issueDeviceToken.execute({
          householdId,
          role: body.role,
          name: body.name,
          ...(body.door === undefined ? {} : { door: body.door }),
          ...(body.deviceId === undefined ? {} : { deviceId: deviceId(body.deviceId) }),
          ...(body.days === undefined ? {} : { lifetime: days(body.days) }),
        });
        if (result.kind === 'rejected') sendError(response, 400, 'rejected', result.reason);
        else sendJson(response, 201, { token: result.token, device: result.device, expiresAt: new Date(result.expiresAt).toISOString() });
      } else if (route === 'GET visitors') {
        sendJson(response, 200, { visitors: await useCases.listVisitors.execute({ householdId }) });
      } else if (route === 'POST visitors') {
        const body = v.parse(enrollRequest, await json(request), VALUE_FREE_MESSAGES);
        const photos = body.photos.map((photo) => new Uint8Array(Buffer.from(photo, 'base64')));
        const result = await useCases.enroll.execute({
          householdId,
          name: body.name,
          photos,
          ...(body.trusted === undefined ? {} : { trusted: body.trusted }),
        });
        sendJson(response, result.kind === 'enrolled' ? 201 : result.kind === 'rejected' ? 400 : 422, result);
      } else if (request.method === 'DELETE' && url.pathname.startsWith(`${ADMIN_PATH}visitors/`)) {
        const name = decodedSegment(url.pathname.slice(`${ADMIN_PATH}visitors/`.length));
        if (name === undefined) {
          sendError(response, 400, 'bad-request', 'the visitor name has a broken percent-encoding');
          return true;
        }
        const result = await useCases.forget.execute({ householdId, name });
        sendJson(response, result.kind === 'forgotten' ? 200 : 404, result);
      } else if (route === 'GET webhooks') {
        sendJson(response, 200, { webhooks: await useCases.listWebhooks.execute({ householdId }) });
      } else if (route === 'POST webhooks') {
        const body = v.parse(webhookRequest, await json(request), VALUE_FREE_MESSAGES);
        const result = await useCases.addWebhook.execute({
          householdId,
          url: body.url,
          ...(body.events === undefined ? {} : { events: body.events }),
        });
        if (result.kind === 'rejected') sendError(response, 400, 'rejected', result.reason);
        else sendJson(response, 201, result);
      } else if (WEBHOOK_ROUTE.test(url.pathname.slice(ADMIN_PATH.length)) && (request.method === 'DELETE' || request.method === 'POST')) {
        const [, segment, enable] = WEBHOOK_ROUTE.exec(url.pathname.slice(ADMIN_PATH.length)) ?? [];
        const webhookId = decodedSegment(segment ?? '');
        if (request.method === 'DELETE' && enable === undefined) {
          const result = await useCases.removeWebhook.execute({ householdId, webhookId });
          sendJson(response, result.kind === 'removed' ? 200 : 404, result);
        } else if (request.method === 'POST' && enable !== undefined) {
          const result = await useCases.enableWebhook.execute({ householdId, webhookId });
          sendJson(response, result.kind === 'enabled' ? 200 : 404, result);
        } else {
          sendError(response, 404, 'not-found', `no admin route ${route}`);
        }
      } else if (route === 'GET history') {
        const limit = url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : undefined;
        sendJson(response, 200, await useCases.ringHistory.execute({ householdId, ...(limit === undefined ? {} : { limit }) }));
      } else {
        sendError(response, 404, 'not-found', `no admin route ${route}`);
      }
    } catch (error) {
      if (error instanceof v.ValiError) sendError(response, 400, 'bad-request', issueSummary(error.issues, '(body)').join('; '));
      else if (error instanceof BodyTooLargeError) sendError(response, 413, 'payload-too-large', error.message);
      else if (error instanceof SyntaxError) sendError(response, 400, 'bad-request', 'the body is not JSON');
      else throw error;
    }
    return true;
  };
}

async function json(request: IncomingMessage): Promise<unknown> {
  return JSON.parse((await readBody(request, MAX_ADMIN_BODY)).toString('utf8'));
}
