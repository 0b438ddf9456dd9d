/**
 * The path of a request as the client sent it, checked before any route sees it. Routes match on this exact
 * path, never on a normalised one: a path that a URL parser would rewrite (`/dashboard/../package.json`,
 * `/dashboard/%2e%2e/x`) could otherwise be claimed by one route and resolved by another, and answered by none.
 */
export type RequestPath =
  | { readonly kind: 'path'; readonly pathname: string; readonly search: string }
  | { readonly kind: 'bad'; readonly reason: string };

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

export function requestPath(rawUrl: string | undefined): RequestPath {
  const url = rawUrl ?? '/';
  const queryAt = url.indexOf('?');
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const search = queryAt === -1 ? '' : url.slice(queryAt);
  if (!pathname.startsWith('/')) return { kind: 'bad', reason: 'the path must start with /' };
  for (const segment of pathname.split('/')) {
    if (DOT_SEGMENT.test(segment)) return { kind: 'bad', reason: 'the path may not contain . or .. segments' };
    if (segment.includes('\\')) return { kind: 'bad', reason: 'the path may not contain a backslash' };
    if (decodedSegment(segment) === undefined) return { kind: 'bad', reason: 'the path has a broken percent-encoding' };
  }
  return { kind: 'path', pathname, search };
}

/** The segment percent-decoded, or undefined when its encoding is broken (`%ZZ`, a lone `%`, invalid UTF-8). */
export function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
