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
          shadowedBy: null,
        },
      ],
      fileInfo: [
        { kind: 'credentials', path: '/home/u/.aws/credentials', exists: true, hash: 'a'.repeat(64), error: null },
        { kind: 'config', path: '/home/u/.aws/config', exists: false, hash: 'missing', error: null },
      ],
      environment: {
        hasAccessKeyId: false,
        hasSecretAccessKey: false,
        hasSessionToken: false,
        maskedKeyId: null,
        profile: null,
        region: null,
        defaultRegion: null,
        endpointUrls: {},
        credentialsWin: false,
      },
      findings: [],
    },
  },
  getProfile: {
    request: { name: 'default' },
    response: {
      summary: {
        name: 'default',
        kind: 'static',
        region: 'us-east-1',
        regionSource: 'config:2',
        maskedKeyId: 'AKIA…MPLE',
        hasSessionToken: false,
        isDefault: true,
        findingCount: 0,
        worstSeverity: null,
        shadowedBy: null,
      },
      sources: { region: { file: 'config', path: '/home/u/.aws/config', line: 2 } },
      region: { value: 'us-east-1', source: { file: 'config', path: '/home/u/.aws/config', line: 2 } },
      endpointUrl: null,
      servicesSection: null,
      sourceProfileChain: ['default'],
      settings: { region: 'us-east-1' },
      findings: [],
      lines: [{ file: 'config', path: '/home/u/.aws/config', line: 2, text: 'region = us-east-1' }],
      files: [{ kind: 'config', path: '/home/u/.aws/config', exists: true, hash: 'b'.repeat(64), error: null }],
    },
  },
  previewProfileFix: {
    request: { profile: 'dev', fix: { kind: 'set-value', file: 'config', section: 'profile dev', key: 'region', value: 'eu-west-1' } },
    response: {
      file: 'config',
      path: '/home/u/.aws/config',
      expectedHash: 'b'.repeat(64),
      summary: 'Set region = eu-west-1 in [profile dev] of the config file.',
      diff: [{ kind: 'replace', oldLine: 2, newLine: 2, before: 'region = us-east-1', after: 'region = eu-west-1' }],
    },
  },
  applyProfileFix: {
    request: { profile: 'dev', findingKey: 'region.invalid-shape|dev|config:2|', expectedHash: 'b'.repeat(64) },
    response: {
      file: 'config',
      path: '/home/u/.aws/config',
      backupPath: '/home/u/.local/share/mdb-doctor/backups/aws-files/config.20260101T000000-000Z.abc123.bak',
      previousHash: 'b'.repeat(64),
      newHash: 'c'.repeat(64),
      changedLines: [2],
      diff: [{ kind: 'replace', oldLine: 2, newLine: 2, before: 'region = us_east_1', after: 'region = us-east-1' }],
    },
  },
  startDiagnosis: { request: { profile: 'dev', cluster: 'orders' }, response: { runId: 'run-1' } },
  cancelDiagnosis: { request: { runId: 'run-1' }, response: { cancelled: true } },
  exportDiagnosis: { request: { runId: 'run-1', format: 'markdown' }, response: { text: '# Diagnosis of dev', savedTo: null } },
};
