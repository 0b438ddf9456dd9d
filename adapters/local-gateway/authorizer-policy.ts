import { matchesIamPattern } from './iam-wildcard';

/**
 * Reads a REQUEST authorizer's answer the way API Gateway does for a `$connect`: the IAM policy must allow
 * `execute-api:Invoke` on the methodArn, and no statement may deny it (an explicit Deny wins, as in IAM). An answer
 * API Gateway could not use (no principalId, no statements, a context value that is an object) is 'invalid': AWS
 * fails the handshake with 500 (AuthorizerConfigurationException) in that case, and so does the gateway.
 */
export type AuthorizerVerdict =
  | { readonly kind: 'allow'; readonly principalId: string; readonly context: Readonly<Record<string, string>> }
  | { readonly kind: 'deny'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string };

const INVOKE_ACTION = 'execute-api:Invoke';

export function evaluateAuthorizerResult(result: unknown, methodArn: string): AuthorizerVerdict {
  if (!isRecord(result)) return invalid('the authorizer returned no object');
  const { principalId, policyDocument, context } = result;
  if (typeof principalId !== 'string' || principalId === '') return invalid('principalId must be a non-empty string');
  if (!isRecord(policyDocument)) return invalid('policyDocument is missing');
  const statements = Array.isArray(policyDocument['Statement']) ? policyDocument['Statement'] : [policyDocument['Statement']];
  if (statements.length === 0 || !statements.every(isRecord)) return invalid('policyDocument.Statement must hold statements');

  const effects: string[] = [];
  for (const statement of statements) {
    const applies = statementApplies(statement, methodArn);
    if (typeof applies === 'string') return invalid(applies);
    if (applies) effects.push(statement['Effect'] as string);
  }
  const stringContext = stringifyContext(context);
  if (typeof stringContext === 'string') return invalid(stringContext);

  if (effects.includes('Deny')) return { kind: 'deny', reason: `a statement denies ${INVOKE_ACTION} on ${methodArn}` };
  if (!effects.includes('Allow')) return { kind: 'deny', reason: `no statement allows ${INVOKE_ACTION} on ${methodArn}` };
  return { kind: 'allow', principalId, context: stringContext };
}

/** Whether the statement covers invoking methodArn; a string says why the statement is unusable. */
function statementApplies(statement: Record<string, unknown>, methodArn: string): boolean | string {
  const effect = statement['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') return `Effect must be "Allow" or "Deny", got ${JSON.stringify(effect)}`;
  // Conditions need request facts the gateway does not model; guessing either way would grant or refuse wrongly.
  if (statement['Condition'] !== undefined) return 'policy Conditions are not supported by the local gateway';
  const action = covers(statement, 'Action', 'NotAction', INVOKE_ACTION, true);
  const resource = covers(statement, 'Resource', 'NotResource', methodArn, false);
  if (typeof action === 'string') return action;
  if (typeof resource === 'string') return resource;
  return action && resource;
}

function covers(statement: Record<string, unknown>, key: string, notKey: string, value: string, ignoreCase: boolean): boolean | string {
  const listed = statement[key];
  const excluded = statement[notKey];
  if ((listed === undefined) === (excluded === undefined)) return `a statement needs exactly one of ${key} and ${notKey}`;
  const patterns = asPatterns(listed ?? excluded);
  if (patterns === undefined) return `${listed === undefined ? notKey : key} must be a string or an array of strings`;
  const matched = patterns.some((pattern) => matchesIamPattern(pattern, value, { ignoreCase }));
  return listed === undefined ? !matched : matched;
}

function asPatterns(value: unknown): readonly string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

/**
 * API Gateway passes context values on as strings ("123", "true"); objects and arrays are refused. Null or absent
 * values are left out.
 */
function stringifyContext(context: unknown): Record<string, string> | string {
  if (context === undefined || context === null) return {};
  if (!isRecord(context)) return 'context must be an object';
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(context)) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return `context.${key} must be a string, number or boolean (API Gateway refuses objects and arrays)`;
    }
    result[key] = String(value);
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(reason: string): AuthorizerVerdict {
  return { kind: 'invalid', reason };
}
