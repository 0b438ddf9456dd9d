import type { SingleValueMap } from './gateway-events';

/**
 * A REQUEST authorizer's identity source (`route.request.querystring.token`, `route.request.header.Authorization`).
 * API Gateway refuses a handshake that lacks one with 401 before it invokes the authorizer; so does the gateway.
 */
export interface IdentitySource {
  readonly expression: string;
  readonly in: 'header' | 'querystring';
  readonly name: string;
}

const EXPRESSION = /^route\.request\.(header|querystring)\.(.+)$/;

/**
 * The header or query-string parameter an identity source expression names.
 * @throws RangeError for the forms the local gateway does not support (stage variables, context): anything but
 *   `route.request.header.NAME` or `route.request.querystring.NAME`.
 */
export function parseIdentitySource(expression: string): IdentitySource {
  const match = EXPRESSION.exec(expression);
  if (!match?.[1] || !match[2]) {
    throw new RangeError(
      `LocalWebSocketGateway: identity source ${JSON.stringify(expression)} is not supported; ` +
        'use route.request.header.NAME or route.request.querystring.NAME',
    );
  }
  return { expression, in: match[1] as IdentitySource['in'], name: match[2] };
}

/** The identity sources the handshake lacks (missing or empty). Header names match case-insensitively. */
export function missingIdentitySources(
  sources: readonly IdentitySource[],
  request: { readonly headers: SingleValueMap; readonly queryStringParameters: SingleValueMap },
): readonly string[] {
  return sources
    .filter((source) => {
      const value = source.in === 'header' ? headerValue(request.headers, source.name) : request.queryStringParameters[source.name];
      return value === undefined || value === '';
    })
    .map((source) => source.expression);
}

function headerValue(headers: SingleValueMap, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
