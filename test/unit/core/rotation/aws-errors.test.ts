import { describe, expect, it } from 'vitest';
import { classifyAwsError, isWorthRetrying, mayHaveExecuted } from '../../../../src/core/rotation/aws-errors';

function sdkError(name: string, status?: number): Error {
  return Object.assign(new Error(name), { name, ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }) });
}

describe('reading SDK errors for the rotation', () => {
  it.each([
    ['InvalidClientTokenId', 403, 'key-rejected', true, false],
    ['SignatureDoesNotMatch', 403, 'signature', true, false],
    ['ExpiredToken', 403, 'expired', false, false],
    ['AccessDenied', 403, 'access-denied', false, false],
    ['Throttling', 400, 'throttled', true, false],
    // The SDK's names for IAM's LimitExceeded / NoSuchEntity / InvalidInput (client-iam models/errors.ts).
    ['LimitExceededException', 409, 'limit-exceeded', false, false],
    ['NoSuchEntityException', 404, 'not-found', false, false],
    ['InvalidInputException', 400, 'invalid-input', false, false],
    ['ServiceFailure', 500, 'server', true, true],
    ['ServiceUnavailable', 503, 'server', true, true],
    ['TimeoutError', undefined, 'network', true, true],
    ['SomethingNew', 400, 'other', false, false],
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
