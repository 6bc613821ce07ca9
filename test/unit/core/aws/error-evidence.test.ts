import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../../../src/core/aws/call-recorder';
import { clockOffsetFrom, describeAwsError, readErrorBody } from '../../../../src/core/aws/error-evidence';

function sdkError(name: string, message: string, status?: number, requestId?: string) {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, requestId } });
}

const attempt = (overrides: Partial<AttemptRecord>): AttemptRecord => ({
  service: 'MemoryDB',
  operation: 'DescribeClusters',
  receivedAt: Date.parse('2026-01-01T00:00:00Z'),
  ...overrides,
});

describe('describeAwsError', () => {
  it.each([
    ['InvalidClientTokenId', 403, 'key-rejected'],
    ['UnrecognizedClientException', 400, 'key-rejected'],
    ['SignatureDoesNotMatch', 403, 'signature'],
    ['InvalidSignatureException', 400, 'signature'],
    ['ExpiredToken', 403, 'expired'],
    ['ExpiredTokenException', 400, 'expired'],
    ['AccessDeniedException', 400, 'access-denied'],
    ['AccessDenied', 403, 'access-denied'],
    ['ThrottlingException', 400, 'throttled'],
    ['IncompleteSignature', 400, 'incomplete-signature'],
    ['ClusterNotFoundFault', 404, 'not-found'],
  ])('keys %s on its name (HTTP %i is evidence only)', (name, status, kind) => {
    const failure = describeAwsError(sdkError(name, 'msg', status, 'req-1'));
    expect(failure).toEqual({ kind, errorName: name, message: 'msg', httpStatus: status, requestId: 'req-1', fromRawBody: false });
  });

  it('reads an AccessDenied code from an XML body a JSON client could not parse', () => {
    const body =
      '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDeniedException</Code><Message>User: x is not authorized with an explicit deny</Message></Error><RequestId>r-9</RequestId></ErrorResponse>';
    const error = Object.assign(new SyntaxError('Unexpected token <'), { $response: { statusCode: 400 } });
    const failure = describeAwsError(error, [attempt({ httpStatus: 400, errorBody: body, requestId: 'r-9', contentType: 'application/xml' })]);
    expect(failure).toMatchObject({
      kind: 'access-denied',
      errorName: 'AccessDeniedException',
      httpStatus: 400,
      requestId: 'r-9',
      fromRawBody: true,
      message: expect.stringContaining('explicit deny'),
    });
  });

  it('leaves an HTML 500 page unparseable, with the status and the page title as evidence', () => {
    const error = Object.assign(new Error('Unknown'), { name: 'Unknown', $metadata: { httpStatusCode: 500 } });
    const failure = describeAwsError(error, [
      attempt({ httpStatus: 500, contentType: 'text/html', errorBody: '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head></html>' }),
    ]);
    expect(failure).toMatchObject({ kind: 'unparseable', errorName: 'HTTP 500', httpStatus: 500, fromRawBody: true });
    expect(failure.message).toBe('The endpoint answered HTTP 500 (text/html) with "500 Internal Server Error".');
  });

  it('names network failures by their code, and aborts as aborted', () => {
    expect(describeAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toMatchObject({
      kind: 'network',
      errorName: 'ECONNREFUSED',
    });
    expect(describeAwsError(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }))).toMatchObject({ kind: 'aborted' });
    expect(describeAwsError('weird')).toMatchObject({ kind: 'other', message: 'weird' });
  });
});

describe('readErrorBody', () => {
  it('reads AWS JSON, query XML and HTML', () => {
    expect(readErrorBody('{"__type":"com.amazonaws.memorydb#AccessDeniedException","message":"no"}')).toEqual({ code: 'AccessDeniedException', message: 'no' });
    expect(readErrorBody('<Response><Errors><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></Errors></Response>')).toEqual({
      code: 'Throttling',
      message: 'Rate exceeded',
    });
    expect(readErrorBody('<html><body><h1>Not Implemented</h1></body></html>')).toEqual({ title: 'Not Implemented' });
    expect(readErrorBody('plain text')).toEqual({});
    expect(readErrorBody('{broken')).toEqual({});
  });
});

describe('clockOffsetFrom', () => {
  it('is the server Date minus the local clock at receipt, from the latest attempt with a Date header', () => {
    const received = Date.parse('2026-01-01T00:00:00Z');
    const attempts = [
      attempt({ serverDate: 'Thu, 01 Jan 2026 00:10:00 GMT', receivedAt: received }),
      attempt({ serverDate: 'Thu, 01 Jan 2026 00:20:00 GMT', receivedAt: received }),
      attempt({}),
    ];
    expect(clockOffsetFrom(attempts)).toEqual({ offsetMs: 20 * 60_000, serverDate: 'Thu, 01 Jan 2026 00:20:00 GMT' });
    expect(clockOffsetFrom([attempt({ serverDate: 'not a date' })])).toBeUndefined();
  });
});
