import { describe, expect, it } from 'vitest';
import { classifyAwsError, isWorthRetrying, mayHaveExecuted } from '../../../../src/core/rotation/aws-errors';

function sdkError(name: string, status?: number): Error {
  return Object.assign(new Error(name), { name, ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }) });
}

describe('reading SDK errors for the rotation', () => {
  it.each([
    ['InvalidClientTokenId', 403, 'auth-rejected', true, false],
    ['SignatureDoesNotMatch', 403, 'auth-rejected', true, false],
    ['AccessDenied', 403, 'access-denied', false, false],
    ['Throttling', 400, 'throttled', true, false],
    ['LimitExceeded', 409, 'limit-exceeded', false, false],
    ['NoSuchEntity', 404, 'no-such-entity', false, false],
    ['ServiceFailure', 500, 'server', true, true],
    ['ServiceUnavailable', 503, 'server', true, true],
    ['TimeoutError', undefined, 'network', true, true],
    ['ValidationError', 400, 'other', false, false],
  ] as const)('%s (HTTP %s) is %s', (name, status, kind, retry, executed) => {
    const error = sdkError(name, status);
    expect(classifyAwsError(error)).toBe(kind);
    expect(isWorthRetrying(error)).toBe(retry);
    expect(mayHaveExecuted(error)).toBe(executed);
  });

  it('treats a socket error without an answer as maybe executed', () => {
    const error = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifyAwsError(error)).toBe('network');
    expect(mayHaveExecuted(error)).toBe(true);
  });
});
