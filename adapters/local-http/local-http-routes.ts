import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestPath } from './request-path';
import { sendError } from './http-io';

/** One group of HTTP routes: which exact paths it owns, and how it answers them (false: it had no answer). */
export interface HttpRoute {
  readonly owns: (pathname: string) => boolean;
  readonly handle: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
}

/**
 * The local doorbell's HTTP side, behind the gateway: every request gets exactly one answer, at once. A path with
 * dot segments or a broken percent-encoding is a 400 before any route sees it; a path no route owns, or one its
 * route has no answer for, is a 404; a route that fails is a 500 (logged). All of them carry the security headers.
 */
export function localHttpRoutes(routes: readonly HttpRoute[], onFailure: (pathname: string, error: unknown) => void) {
  return (request: IncomingMessage, response: ServerResponse): true => {
    const path = requestPath(request.url);
    if (path.kind === 'bad') {
      sendError(response, 400, 'bad-request', path.reason);
      return true;
    }
    const route = routes.find((candidate) => candidate.owns(path.pathname));
    if (!route) {
      sendError(response, 404, 'not-found', 'nothing here');
      return true;
    }
    route.handle(request, response).then(
      (answered) => {
        if (!answered && !response.headersSent) sendError(response, 404, 'not-found', 'nothing here');
      },
      (error: unknown) => {
        onFailure(path.pathname, error);
        if (!response.headersSent) sendError(response, 500, 'internal', 'the local doorbell failed; see its log');
        else response.destroy();
      },
    );
    return true;
  };
}
