import { describe, expect, it } from 'vitest';
import { evaluateAuthorizerResult } from '../../../adapters/local-gateway/authorizer-policy';

const ARN = 'arn:aws:execute-api:local:000000000000:local/prod/$connect';
const policy = (...Statement: unknown[]) => ({ principalId: 'me', policyDocument: { Version: '2012-10-17', Statement } });
const allow = (Resource: unknown = ARN, Action: unknown = 'execute-api:Invoke') => ({ Effect: 'Allow', Action, Resource });
const deny = (Resource: unknown = ARN) => ({ Effect: 'Deny', Action: 'execute-api:Invoke', Resource });

describe('evaluateAuthorizerResult', () => {
  it.each([
    ['the exact methodArn', allow()],
    ['a wildcard over the stage', allow('arn:aws:execute-api:local:000000000000:local/prod/*')],
    ['any resource', allow('*')],
    ['a list holding the methodArn', allow(['arn:aws:execute-api:local:000000000000:other/prod/$connect', ARN])],
    ['execute-api:*', allow(ARN, 'execute-api:*')],
    ['an action in another case', allow(ARN, 'Execute-API:invoke')],
    ['NotResource excluding something else', { Effect: 'Allow', Action: 'execute-api:Invoke', NotResource: 'arn:aws:s3:::bucket' }],
  ])('allows a statement that allows %s', (_name, statement) => {
    expect(evaluateAuthorizerResult(policy(statement), ARN)).toMatchObject({ kind: 'allow', principalId: 'me' });
  });

  it('accepts a single statement object, not only an array', () => {
    const result = { principalId: 'me', policyDocument: { Version: '2012-10-17', Statement: allow() } };
    expect(evaluateAuthorizerResult(result, ARN).kind).toBe('allow');
  });

  it.each([
    ['an explicit Deny, even next to an Allow', policy(allow(), deny())],
    ['an Allow for another resource only', policy(allow('arn:aws:execute-api:local:000000000000:other/prod/$connect'))],
    ['an Allow for another action only', policy(allow(ARN, 's3:GetObject'))],
    ['a NotResource covering the methodArn', policy({ Effect: 'Allow', Action: 'execute-api:Invoke', NotResource: '*' })],
  ])('denies %s', (_name, result) => {
    expect(evaluateAuthorizerResult(result, ARN).kind).toBe('deny');
  });

  it.each([
    ['no object', 'Allow'],
    ['no principalId', { policyDocument: policy(allow()).policyDocument }],
    ['no policyDocument', { principalId: 'me' }],
    ['no statements', policy()],
    ['a bad Effect', policy({ Effect: 'allow', Action: 'execute-api:Invoke', Resource: ARN })],
    ['a statement without Resource', policy({ Effect: 'Allow', Action: 'execute-api:Invoke' })],
    ['a Condition (not modelled locally)', policy({ ...allow(), Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })],
    ['a context value that is an object', { ...policy(allow()), context: { nested: { a: 1 } } }],
    ['a context value that is an array', { ...policy(allow()), context: { list: [1] } }],
  ])('calls an answer with %s invalid', (_name, result) => {
    expect(evaluateAuthorizerResult(result, ARN).kind).toBe('invalid');
  });

  it('passes the context on with every value as a string, leaving out nulls', () => {
    const result = { ...policy(allow()), context: { householdId: 'home-1', answer: 42, trusted: false, gone: null } };
    expect(evaluateAuthorizerResult(result, ARN)).toEqual({
      kind: 'allow',
      principalId: 'me',
      context: { householdId: 'home-1', answer: '42', trusted: 'false' },
    });
  });
});
