import { probe } from '../../../helpers/report-builders';
import { describe, expect, it } from 'vitest';
import { makeCause, mergeCauses } from '../../../../src/core/diagnosis/causes';
import { rankCauses } from '../../../../src/shared/model/cause-ranking';
import { exportReport, reportToMarkdown } from '../../../../src/core/diagnosis/export';
import { Redactor } from '../../../../src/core/diagnosis/redact';
import { buildReport } from '../../../../src/core/diagnosis/report';
import { diagnosisReportSchema, type ProbeResult } from '../../../../src/shared/model/diagnosis';

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const keyId = 'AKIAIOSFODNN7EXAMPLE';
const token = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6m' + 'A'.repeat(120);

const result = probe;

describe('ranking', () => {
  it('puts errors before warnings, then follows the order a request meets them', () => {
    const causes = [
      makeCause('keys.old', 'old', []),
      makeCause('permissions.missing', 'perm', []),
      makeCause('credentials.key-rejected', 'key', []),
      makeCause('profile.env-shadowing', 'shadow', [], [], 'error'),
    ];
    expect(rankCauses(causes).map((cause) => cause.id)).toEqual(['profile.env-shadowing', 'credentials.key-rejected', 'permissions.missing', 'keys.old']);
  });

  it('ranks a full key slot before an old key: rotating needs the slot', () => {
    expect(rankCauses([makeCause('keys.old', 'a', []), makeCause('keys.limit-reached', 'b', [])]).map((cause) => cause.id)).toEqual([
      'keys.limit-reached',
      'keys.old',
    ]);
  });

  it('merges one cause named twice, keeping the stronger severity and all evidence', () => {
    const merged = mergeCauses([
      makeCause('profile.env-shadowing', 'static warning', [{ label: 'static' }]),
      makeCause('profile.env-shadowing', 'live error', [{ label: 'live' }], [], 'error'),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ severity: 'error', summary: 'live error', evidence: [{ label: 'static' }, { label: 'live' }] });
  });
});

describe('blocked steps', () => {
  const build = (results: ProbeResult[], causes: ReturnType<typeof makeCause>[]) =>
    buildReport({ results, causes, facts: {}, cancelled: false, startedAt: new Date(0), durationMs: 1 });
  const statusOf = (report: ReturnType<typeof build>, step: string) => report.steps.find((summary) => summary.step === step);

  it('calls a step blocked, not failed, when it fails only because an earlier step failed', () => {
    const report = build(
      [
        result({ id: 'sts', step: 'credentials', status: 'fail', verdict: 'The secret is wrong.' }),
        result({ id: 'describe', step: 'region', status: 'fail', verdict: 'DescribeClusters was refused: InvalidSignatureException.' }),
        result({ id: 'renew', step: 'renew', status: 'unknown', verdict: 'Could not ask IAM about the key.' }),
      ],
      [makeCause('credentials.secret-mismatch', 'The secret is wrong.', [])],
    );
    expect(statusOf(report, 'credentials')).toMatchObject({ status: 'fail' });
    expect(statusOf(report, 'region')).toMatchObject({
      status: 'blocked',
      blockedBy: 'credentials',
      summary: expect.stringMatching(/^Needs Credentials first/),
    });
    expect(statusOf(report, 'renew')).toMatchObject({ status: 'blocked', blockedBy: 'credentials' });
  });

  it('keeps Fail for a later step that found its own problem', () => {
    const report = build(
      [
        result({ id: 'sts', step: 'credentials', status: 'fail' }),
        result({ id: 'sim', step: 'permissions', status: 'fail', verdict: 'No policy allows memorydb:DescribeClusters.' }),
      ],
      [makeCause('credentials.clock-skew', 'Clock.', []), makeCause('permissions.missing', 'Missing.', [])],
    );
    expect(statusOf(report, 'permissions')).toMatchObject({ status: 'fail' });
    expect(statusOf(report, 'permissions')?.blockedBy).toBeUndefined();
  });

  it('blocks an earlier step too when the root cause sits in a later one (a missing permission fails the region calls)', () => {
    const report = build(
      [
        result({ id: 'describe', step: 'region', status: 'fail', verdict: 'DescribeClusters failed: AccessDeniedException.' }),
        result({ id: 'sim', step: 'permissions', status: 'fail' }),
      ],
      [makeCause('permissions.missing', 'Missing.', [])],
    );
    expect(statusOf(report, 'region')).toMatchObject({ status: 'blocked', blockedBy: 'permissions' });
    expect(statusOf(report, 'permissions')).toMatchObject({ status: 'fail' });
  });

  it('fails the step of an error cause even when its own probes were skipped or could not tell (the rail shows where the root cause is)', () => {
    const report = build(
      [
        result({ id: 'describe', step: 'region', status: 'unknown', verdict: 'No cluster orders in any region.' }),
        result({ id: 'acl', step: 'cluster', status: 'skipped', verdict: 'Needs the cluster.' }),
        result({ id: 'real-calls', step: 'permissions', status: 'unknown', verdict: 'Could not tell.' }),
      ],
      [makeCause('cluster.not-found', 'No cluster named orders in any region.', []), makeCause('permissions.explicit-deny', 'Denied without MFA.', [])],
    );
    expect(statusOf(report, 'permissions')).toEqual({ step: 'permissions', status: 'fail', summary: 'Denied without MFA.' });
    expect(statusOf(report, 'cluster')).toEqual({ step: 'cluster', status: 'fail', summary: 'No cluster named orders in any region.' });
    expect(statusOf(report, 'region')).toMatchObject({ status: 'blocked', blockedBy: 'permissions' });
  });

  it('blocks nothing when no step failed with a cause of its own', () => {
    const report = build([result({ id: 'describe', step: 'region', status: 'unknown' })], []);
    expect(statusOf(report, 'region')).toMatchObject({ status: 'unknown' });
  });
});

describe('buildReport', () => {
  it('has the docs/diagnosis.md keys, every step, a null root cause when nothing was found', () => {
    const report = buildReport({ results: [result({})], causes: [], facts: {}, cancelled: false, startedAt: new Date(0), durationMs: 5 });
    expect(Object.keys(report).slice(0, 4)).toEqual(['profile', 'rootCause', 'causes', 'steps']);
    expect(report.rootCause).toBeNull();
    expect(report.steps.map((step) => step.step)).toEqual(['credentials', 'key-health', 'region', 'permissions', 'renew', 'cluster', 'summary']);
    expect(report.steps.find((step) => step.step === 'cluster')).toEqual({ step: 'cluster', status: 'skipped', summary: 'Skipped: no cluster or user named.' });
    expect(report.steps.at(-1)!.status).toBe('pass');
    expect(() => diagnosisReportSchema.parse(report)).not.toThrow();
  });

  it('rolls a step up to its worst probe and the summary to the root cause', () => {
    const report = buildReport({
      results: [result({ status: 'pass' }), result({ id: 'q', status: 'fail', verdict: 'bad key' })],
      causes: [makeCause('credentials.key-rejected', 'bad key', [])],
      facts: {},
      cancelled: false,
      startedAt: new Date(0),
      durationMs: 5,
    });
    expect(report.steps[0]).toEqual({ step: 'credentials', status: 'fail', summary: 'bad key' });
    expect(report.rootCause).toBe('credentials.key-rejected');
    expect(report.steps.at(-1)).toMatchObject({ status: 'fail', summary: '1 problem found. Root cause: bad key' });
  });

  it('opens a failed step with what its cause found, not with what the first failing probe tried next', () => {
    const report = buildReport({
      results: [
        result({ id: 'first', status: 'fail', verdict: 'InvalidClientTokenId in eu-west-1; asking us-east-1 whether the key itself is known.' }),
        result({ id: 'second', status: 'fail', verdict: 'Refused in us-east-1 as well.' }),
      ],
      causes: [makeCause('credentials.key-rejected', 'AWS does not recognise the access key id: it is unknown, deleted or inactive.', [])],
      facts: {},
      cancelled: false,
      startedAt: new Date(0),
      durationMs: 5,
    });
    expect(report.steps[0]).toEqual({
      step: 'credentials',
      status: 'fail',
      summary: 'AWS does not recognise the access key id: it is unknown, deleted or inactive.',
    });
  });

  it('says unknown, not pass, when a step could not be checked', () => {
    const report = buildReport({
      results: [result({ status: 'unknown', verdict: 'timed out' })],
      causes: [],
      facts: {},
      cancelled: false,
      startedAt: new Date(0),
      durationMs: 5,
    });
    expect(report.steps.at(-1)!.status).toBe('unknown');
  });
});

describe('Redactor', () => {
  it('removes known secrets, secret- and token-shaped strings, and masks key ids', () => {
    const redactor = new Redactor();
    redactor.add(secret);
    const text = redactor.text(`key ${keyId} secret ${secret} token ${token} arn:aws:iam::123456789012:user/x request 1bd30657-f660-4d47-b0d3-2d80eb810e44`);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(keyId);
    expect(text).not.toContain(token.slice(0, 40));
    expect(text).toContain('AKIA…MPLE');
    expect(text).toContain('arn:aws:iam::123456789012:user/x');
    expect(text).toContain('1bd30657-f660-4d47-b0d3-2d80eb810e44');
    const unknownSecret = 'Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTAxMjM0';
    expect(new Redactor().text(`leaked ${unknownSecret}.`)).toBe('leaked [redacted].');
  });

  it('redacts deep inside plain data', () => {
    expect(new Redactor().deep({ a: [{ b: `x ${keyId}` }], n: 3, z: null })).toEqual({ a: [{ b: 'x AKIA…MPLE' }], n: 3, z: null });
  });
});

describe('exports', () => {
  const report = buildReport({
    results: [
      result({
        evidence: [{ label: 'sts', errorName: 'InvalidClientTokenId', httpStatus: 403, requestId: 'r-1', message: `The security token ${keyId} is invalid` }],
      }),
    ],
    causes: [
      makeCause(
        'permissions.missing',
        'No policy allows it.',
        [{ label: 'sim', message: secret }],
        [
          { kind: 'copy-policy', label: 'Policy', json: '{\n  "Version": "2012-10-17"\n}' },
          { kind: 'copy-command', label: 'Attach', command: 'aws iam put-user-policy --user-name u' },
          {
            kind: 'set-value',
            id: 'set-value:config:p:region=eu-west-1',
            label: 'Region',
            file: 'config',
            path: '/h/.aws/config',
            profile: 'p',
            key: 'region',
            value: 'eu-west-1',
          },
          { kind: 'rotate-key', label: 'Rotate', profile: 'p' },
          { kind: 'open-console', label: 'Console', url: 'https://console.aws.amazon.com/iam/home' },
          { kind: 'refresh-command', label: 'Log in', command: 'aws sso login --profile p' },
        ],
      ),
    ],
    facts: {},
    cancelled: false,
    startedAt: new Date(0),
    durationMs: 12,
  });

  it('Markdown names the root cause, evidence and every kind of fix, with nothing secret', () => {
    const markdown = exportReport(report, 'markdown');
    expect(markdown).toContain('## Root cause: `permissions.missing`');
    expect(markdown).toContain('```json');
    expect(markdown).toContain('aws sso login --profile p');
    expect(markdown).toContain('set `region = eu-west-1` in [p] of /h/.aws/config');
    expect(markdown).toContain('| Permissions |');
    expect(markdown).not.toContain(secret);
    expect(markdown).not.toContain(keyId);
  });

  it('JSON parses back to a valid report with nothing secret', () => {
    const json = exportReport(report, 'json');
    expect(json).not.toContain(secret);
    expect(json).not.toContain(keyId);
    expect(() => diagnosisReportSchema.parse(JSON.parse(json))).not.toThrow();
  });

  it('Markdown escapes table pipes in verdicts', () => {
    expect(reportToMarkdown({ ...report, probes: [result({ verdict: 'a | b' })] })).toContain('a \\| b');
  });
});
