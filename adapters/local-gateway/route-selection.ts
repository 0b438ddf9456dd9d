/**
 * Route selection for the expression `$request.body.action`, as API Gateway evaluates it: a text frame holding a
 * JSON object whose `action` is a string naming a configured route goes to that route; anything else (another
 * action, a non-string action, no action, text that is not JSON, a binary frame) goes to `$default`.
 */
export const DEFAULT_ROUTE = '$default';

/** Keys that are never selected by `action`: the lifecycle routes, and the authorizer's slot in the route table. */
const NOT_ACTIONS: ReadonlySet<string> = new Set(['$connect', '$disconnect', '$default', 'authorizer']);

/** `text` is undefined for a binary frame. */
export function selectRoute(text: string | undefined, actionRoutes: ReadonlySet<string>): string {
  const action = actionOf(text);
  return action !== undefined && actionRoutes.has(action) && !NOT_ACTIONS.has(action) ? action : DEFAULT_ROUTE;
}

/** The route keys that can be selected by `action` among those configured. */
export function actionRouteKeys(routeKeys: Iterable<string>): ReadonlySet<string> {
  return new Set([...routeKeys].filter((key) => !NOT_ACTIONS.has(key)));
}

function actionOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const action = (parsed as { readonly action?: unknown }).action;
  return typeof action === 'string' ? action : undefined;
}
