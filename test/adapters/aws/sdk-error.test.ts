import { GoneException } from '@aws-sdk/client-apigatewaymanagementapi';
import { describe, expect, it } from 'vitest';
import { describeSdkError, errorMessage, errorName, httpStatus } from '../../../adapters/aws/sdk-error';

describe('reading AWS SDK v3 errors', () => {
  it('reads a modeled service exception', () => {
    const error = new GoneException({ message: 'connection is gone', $metadata: { httpStatusCode: 410 } });
    expect(errorName(error)).toBe('GoneException');
    expect(httpStatus(error)).toBe(410);
    expect(errorMessage(error)).toBe('connection is gone');
    expect(describeSdkError(error)).toBe('GoneException (HTTP 410): connection is gone');
  });

  it('reads a plain object shaped like an SDK error', () => {
    const error = { name: 'ForbiddenException', message: 'denied', $metadata: { httpStatusCode: 403 } };
    expect(describeSdkError(error)).toBe('ForbiddenException (HTTP 403): denied');
  });

  it.each([null, undefined, 'GoneException', 410, true, Symbol('x')])('finds nothing in %s', (error) => {
    expect(errorName(error)).toBeUndefined();
    expect(httpStatus(error)).toBeUndefined();
    expect(errorMessage(error)).toBeUndefined();
    expect(describeSdkError(error)).toBe('Error');
  });

  it('reads a plain Error: its name and message, no status', () => {
    const error = new TypeError('fetch failed');
    expect(errorName(error)).toBe('TypeError');
    expect(httpStatus(error)).toBeUndefined();
    expect(describeSdkError(error)).toBe('TypeError: fetch failed');
  });

  it('has no status without $metadata, or with a $metadata that is not an object', () => {
    expect(httpStatus({ name: 'TimeoutError' })).toBeUndefined();
    expect(httpStatus({ $metadata: null })).toBeUndefined();
    expect(httpStatus({ $metadata: 'HTTP 500' })).toBeUndefined();
    expect(httpStatus({ $metadata: {} })).toBeUndefined();
  });

  it('ignores a status that is not a number, and an SDK v2 style statusCode', () => {
    expect(httpStatus({ $metadata: { httpStatusCode: '503' } })).toBeUndefined();
    expect(httpStatus({ $metadata: { httpStatusCode: null } })).toBeUndefined();
    expect(httpStatus({ statusCode: 429 })).toBeUndefined();
    expect(describeSdkError({ name: 'Unknown', $metadata: { httpStatusCode: '429' } })).toBe('Unknown');
  });

  it('ignores a name or message that is not a string', () => {
    const error = { name: 42, message: { text: 'no' }, $metadata: { httpStatusCode: 500 } };
    expect(errorName(error)).toBeUndefined();
    expect(errorMessage(error)).toBeUndefined();
    expect(describeSdkError(error)).toBe('Error (HTTP 500)');
  });

  it('leaves out an empty message', () => {
    const error = { name: 'Unknown', message: '', $metadata: { httpStatusCode: 429 } };
    expect(errorMessage(error)).toBe('');
    expect(describeSdkError(error)).toBe('Unknown (HTTP 429)');
  });
});
