import { describe, expect, it } from 'vitest';
import { explainError } from '../../../../src/shared/explain/explain-error';

const causeIdsOf = (text: string) => explainError(text).causes.map((cause) => cause.id);
const namesOf = (text: string) => explainError(text).recognised.map((error) => error.name);

describe('explainError', () => {
  it.each([
    ['InvalidCredentialsException', 'credentials.key-rejected', 'InvalidCredentialsException: The provided credentials are not valid.'],
    ['UnrecognizedClientException', 'credentials.key-rejected', 'UnrecognizedClientException: The security token included in the request is invalid.'],
    [
      'InvalidClientTokenId',
      'credentials.key-rejected',
      'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
    ],
    [
      'SignatureDoesNotMatch',
      'credentials.secret-mismatch',
      'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided.',
    ],
    [
      'SignatureDoesNotMatch',
      'credentials.secret-mismatch',
      'InvalidSignatureException: The request signature we calculated does not match the signature you provided.',
    ],
    [
      'ExpiredToken',
      'credentials.expired',
      'An error occurred (ExpiredToken) when calling the DescribeClusters operation: The security token included in the request is expired',
    ],
    ['ExpiredToken', 'credentials.expired', 'ExpiredTokenException: The security token included in the request is expired'],
    [
      'AccessDeniedException',
      'permissions.missing',
      'AccessDeniedException: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: memorydb:DescribeClusters on resource: arn:aws:memorydb:eu-west-1:123456789012:cluster/* because no identity-based policy allows the memorydb:DescribeClusters action',
    ],
    ['WRONGPASS', 'cluster.user-missing', '(error) WRONGPASS invalid username-password pair or user is disabled.'],
    ['NOAUTH', 'cluster.auth-mismatch', '(error) NOAUTH Authentication required.'],
    ['Could not load credentials', 'credentials.unresolvable', 'CredentialsProviderError: Could not load credentials from any providers'],
    [
      'SSO session expired',
      'credentials.sso-expired',
      'Error when retrieving token from sso: Token has expired and refresh failed. To refresh this SSO session run aws sso login',
    ],
  ])('knows %s and names %s first', (name, firstCause, text) => {
    expect(namesOf(text)).toContain(name);
    expect(causeIdsOf(text)[0]).toBe(firstCause);
  });

  it('reads the clock form of a signature error as clock skew, not as a wrong secret', () => {
    const text =
      'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20220127T001427Z is now earlier than 20220127T014428Z (20220127T015928Z - 15 min.)';
    expect(namesOf(text)).toEqual(['Signature expired']);
    expect(causeIdsOf(text)).toEqual(['credentials.clock-skew']);
  });

  it('finds the error in a real multi-line SDK failure, ignoring the stack around it', () => {
    const output = [
      '/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867',
      '  const response = new exceptionCtor({',
      '                   ^',
      '',
      'UnrecognizedClientException: The security token included in the request is invalid.',
      '    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)',
      '    at de_CommandError (/app/node_modules/@aws-sdk/client-memorydb/dist-cjs/index.js:1204:14)',
      "  '$fault': 'client',",
      "  '$metadata': { httpStatusCode: 400, requestId: '5f1c0c3e-0000-4000-8000-000000000000', attempts: 1 },",
      "  __type: 'com.amazon.coral.service#UnrecognizedClientException'",
    ].join('\n');
    const explanation = explainError(output);
    expect(explanation.recognised).toHaveLength(1);
    expect(explanation.recognised[0]?.line).toBe('UnrecognizedClientException: The security token included in the request is invalid.');
    expect(explanation.causes[0]?.id).toBe('credentials.key-rejected');
    expect(explanation.checks.length).toBeGreaterThan(0);
  });

  it('finds the error in Terraform output', () => {
    const output = [
      '╷',
      '│ Error: reading MemoryDB Cluster (orders): operation error MemoryDB: DescribeClusters, https response error StatusCode: 400, RequestID: 1b2c, api error UnrecognizedClientException: The security token included in the request is invalid.',
      '╵',
    ].join('\n');
    expect(causeIdsOf(output)[0]).toBe('credentials.key-rejected');
  });

  it('ranks a cause that two errors share above one that only one produces', () => {
    const text =
      'ExpiredToken: The security token included in the request is expired\nTo refresh this SSO session run aws sso login with the corresponding profile.';
    expect(namesOf(text)).toEqual(['ExpiredToken', 'SSO session expired']);
    expect(causeIdsOf(text).slice(0, 2)).toEqual(['credentials.sso-expired', 'credentials.expired']);
  });

  it('asks for the cluster and user only when the error comes from the cluster', () => {
    expect(explainError('WRONGPASS invalid username-password pair or user is disabled.').needsCluster).toBe(true);
    expect(explainError('InvalidClientTokenId').needsCluster).toBe(false);
  });

  it('does not mistake a longer name for a shorter one', () => {
    expect(namesOf('ExpiredTokenException')).toEqual(['ExpiredToken']);
    expect(namesOf('NotExpiredTokenish')).toEqual([]);
  });

  it('recognises nothing in text that is not a credentials error', () => {
    const explanation = explainError('TypeError: Cannot read properties of undefined (reading "map")');
    expect(explanation).toEqual({ recognised: [], causes: [], checks: [], needsCluster: false });
  });

  it('never echoes a key id or a secret back', () => {
    // Built at run time: no secret-shaped literal sits in the repository.
    const secret = `Tz9${'q'.repeat(33)}/aB+`;
    const keyId = `AKIA${'T'.repeat(12)}0001`;
    const text = `SignatureDoesNotMatch for ${keyId} with aws_secret_access_key=${secret}`;
    const line = explainError(text).recognised[0]?.line ?? '';
    expect(line).toContain('SignatureDoesNotMatch');
    expect(line).not.toContain(keyId);
    expect(line).not.toContain(secret);
  });
});

describe('the AWS-on-the-wire causes (docs/aws-behaviour.md §7)', () => {
  it('ExpiredToken may be a leftover session token on a long-term key; InvalidClientTokenId a v1 token or refused temporary credentials', () => {
    expect(causeIdsOf('An error occurred (ExpiredToken) when calling the GetCallerIdentity operation')).toContain('credentials.stray-session-token');
    expect(causeIdsOf('An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation')).toEqual(
      expect.arrayContaining(['credentials.temporary-rejected', 'region.v1-token-refused']),
    );
    expect(causeIdsOf('AccessDeniedException: User: arn:aws:iam::123456789012:user/x is not authorized to perform: memorydb:DescribeClusters')).toContain(
      'permissions.denied',
    );
  });
});
