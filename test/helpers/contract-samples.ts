import type { InvokeMethod, RequestOf, ResponseOf } from '../../src/shared/ipc/contract';

/**
 * One valid request and response per contract channel. Typed as a complete record, so a
 * channel added to the contract without a sample here fails the typecheck.
 */
export const contractSamples: { [M in InvokeMethod]: { request: RequestOf<M>; response: ResponseOf<M> } } = {
  getAppInfo: { request: {}, response: { name: 'MemoryDB Credentials Doctor', version: '0.1.0', platform: 'linux' } },
  copyText: { request: { text: 'aws sso login --profile dev' }, response: { copied: true } },
  openExternal: { request: { url: 'https://docs.aws.amazon.com/memorydb/latest/devguide/auth-iam.html' }, response: { opened: true } },
  listProfiles: {
    request: {},
    response: {
      defaultProfile: 'default',
      files: { credentials: '/home/u/.aws/credentials', config: '/home/u/.aws/config' },
      profiles: [
        {
          name: 'default',
          kind: 'static',
          region: 'us-east-1',
          regionSource: 'config',
          maskedKeyId: 'AKIA…MPLE',
          hasSessionToken: false,
          isDefault: true,
          findingCount: 0,
          worstSeverity: null,
        },
      ],
    },
  },
};
