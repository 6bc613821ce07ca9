import type { Evidence } from '../../../../../src/shared/model/diagnosis';
import type { AwsFailure } from '../../../../../src/core/aws/error-evidence';
import type { CallResult } from '../../../../../src/core/aws/session';
import type { Facts, TargetFact } from '../../../../../src/core/diagnosis/facts';
import type { ProbeContext } from '../../../../../src/core/diagnosis/probe';
import type { ProfileContext } from '../../../../../src/core/diagnosis/profile-context';

/** A canned answer for a call whose request label matches. */
export type Answer = { match: RegExp; output: unknown } | { match: RegExp; failure: Pick<AwsFailure, 'kind' | 'errorName' | 'message'> };

/**
 * A ProbeContext that answers each AWS call from a table keyed on the call's request label
 * (the evidence text, e.g. `memorydb:DescribeUsers app-user in eu-west-1`), records the
 * labels asked, and fails loudly on a call nobody expected.
 */
export function fakeProbeContext(facts: Partial<Facts>, answers: Answer[]): ProbeContext & { asked: string[] } {
  const asked: string[] = [];
  const context: ProbeContext & { asked: string[] } = {
    asked,
    facts,
    signal: new AbortController().signal,
    host: { env: {}, homeDir: '/nowhere', platform: 'linux', appDataDir: '/nowhere/app', now: () => new Date('2026-03-01T12:00:00Z') },
    causesSoFar: () => [],
    need(key) {
      const value = facts[key];
      if (value === undefined) throw new Error(`missing fact ${key}`);
      return value;
    },
    async call<Output>(_service: unknown, _region: string, request: string): Promise<CallResult<Output>> {
      asked.push(request);
      const answer = answers.find((candidate) => candidate.match.test(request));
      if (!answer) throw new Error(`Unexpected call: ${request}`);
      const evidence: Evidence = { label: request, request };
      if ('failure' in answer) return { ok: false, failure: { ...answer.failure, fromRawBody: false }, attempts: [], evidence };
      return { ok: true, output: answer.output as Output, attempts: [], evidence };
    },
  };
  return context;
}

/** A target for cluster `orders` and user `app-user` in eu-west-1, profile `dev`. */
export function clusterTarget(overrides: Partial<TargetFact> = {}): TargetFact {
  const profile: ProfileContext = {
    name: 'dev',
    selectedBy: 'request',
    exists: true,
    kind: 'static',
    files: { credentials: '/nowhere/credentials', config: '/nowhere/config' },
    settings: {},
    configSections: {},
    fileRegion: null,
    maskedKeyId: 'AKIA…MPLE',
    hasSessionToken: false,
    envCredentials: null,
    findings: [],
    nearNames: [],
  };
  return {
    profile,
    region: 'eu-west-1',
    regionSource: 'test',
    cluster: 'orders',
    user: 'app-user',
    signIn: 'unknown',
    endpoints: {},
    transport: {},
    scanConcurrency: 1,
    ...overrides,
  };
}
