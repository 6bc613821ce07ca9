import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, type ProbeProgress } from '../../../src/core/diagnosis/diagnose';
import { defaultProbes } from '../../../src/core/probes';
import { exportReport } from '../../../src/core/diagnosis/export';
import { exitCodeOf } from '../../../src/cli/commands/diagnose';
import { applyKeyLookUp } from '../../../src/shared/model/key-lookup';
import { lookUpRefusedKey } from '../../../src/core/key-lookup/look-up';
import { presetRequest } from '../../../src/demo/preset-session';
import { diagnosisReportSchema, type DiagnosisReport } from '../../../src/shared/model/diagnosis';
import type { PolicyStatement } from '../../../src/sim/policy';
import { presetKeyIds, presetSecrets, startPresetSim, type PresetSim } from '../../helpers/sim-presets';

// The error names AWS (and the simulator, which cites AWS) answers with for each preset:
// the evidence of the root cause must name the real error, not only our cause id.
const expectedErrorNames: Record<string, RegExp> = {
  'bad-key-id': /InvalidClientTokenId/,
  'bad-secret': /SignatureDoesNotMatch/,
  'inactive-key': /InvalidClientTokenId/,
  'inactive-key-lookup': /InvalidClientTokenId/,
  'deleted-key-lookup': /InvalidClientTokenId/,
  'expired-session': /ExpiredToken/,
  'clock-skew': /"errorName":"SignatureDoesNotMatch".*Signature expired/,
  'wrong-region': /DescribeClusters/,
  'region-not-enabled': /InvalidClientTokenId|UnrecognizedClientException/,
  'no-permission': /implicitDeny|AccessDenied/,
  'explicit-deny': /explicitDeny|AccessDenied/,
  'mfa-required': /AccessDenied/,
  'env-shadowing': /InvalidClientTokenId/,
  'old-key': /days old/,
  'two-keys-full': /ListAccessKeys/,
  'cluster-not-found': /DescribeClusters/,
  'clock-skew-small': /Clock offset/,
  'deny-unexplained': /AccessDenied/,
  'deny-in-managed-policy': /AccessDenied/,
  'deny-in-group': /AccessDenied/,
  'boundary-without-memorydb': /AccessDenied/,
  'no-allow-plain': /AccessDenied/,
  'deny-in-role-policy': /AccessDenied/,
  'query-style-errors': /NotAuthorized|implicitDeny/,
  'stray-session-token': /ExpiredToken/,
  'old-session-token': /InvalidClientTokenId/,
  'global-sts-token': /InvalidClientTokenId/,
  'region-env-override': /DescribeClusters/,
  'profile-typo': /Profiles close to \\"profile-tpyo\\": profile-typo\./,
  'profile-default-in-credentials': /\[profile default\] in the credentials file/,
  'temp-missing-token': /key-id.token-mismatch/,
  'temp-damaged-token': /InvalidClientTokenId/,
  'assume-role-untrusted': /AccessDenied.*is not authorized to perform: sts:AssumeRole/,
  'assume-role-not-allowed': /AccessDenied.*is not authorized to perform: sts:AssumeRole/,
  'assume-role-missing-role': /AccessDenied.*is not authorized to perform: sts:AssumeRole/,
  'assume-role-external-id': /AccessDenied/,
  'assume-role-duration': /ValidationError.*durationSeconds/,
  'assume-role-mfa': /requires multi-factor authentication/,
  'assume-role-source-broken': /InvalidClientTokenId/,
  'credential-process-missing': /Command failed/,
  'credential-process-bad-json': /invalid JSON/,
  'credential-process-expired': /expired credentials/,
  'web-identity-token-missing': /web-identity\.token-file-missing.*which does not exist here/,
  'sso-never-signed-in': /sso\.token-missing.*No cached SSO token for sso-session/,
  'no-instance-role': /This machine is not an EC2 instance/,
};

let bench: PresetSim;
let secrets: string[];
let keyIds: string[];
const reports = new Map<string, DiagnosisReport>();
const progress = new Map<string, ProbeProgress[]>();

beforeAll(async () => {
  bench = await startPresetSim();
  secrets = await presetSecrets(bench.folder);
  keyIds = await presetKeyIds(bench.folder);
  await Promise.all(
    bench.folder.presets.map(async (entry) => {
      const events: ProbeProgress[] = [];
      const { report } = await diagnose(bench.hostFor(entry), presetRequest(entry), { probes: defaultProbes, onProgress: (event) => events.push(event) });
      reports.set(entry.preset, report);
      progress.set(entry.preset, events);
    }),
  );
}, 60_000);

afterAll(async () => {
  await bench?.close();
});

describe('diagnosis of every simulator preset through the real SDK', () => {
  it('covers every preset the simulator defines: each ends in the root cause it was built for', () => {
    expect(reports.size).toBe(bench.folder.presets.length);
    expect(reports.size).toBeGreaterThanOrEqual(19);
    const rootCauses = Object.fromEntries(bench.folder.presets.map((entry) => [entry.preset, reports.get(entry.preset)!.rootCause]));
    expect(rootCauses).toEqual(Object.fromEntries(bench.folder.presets.map((entry) => [entry.preset, entry.expectedRootCause])));
  });

  it.each(Object.keys(expectedErrorNames))('%s: rootCause is the expected cause and its evidence names the real error', (preset) => {
    const entry = bench.preset(preset);
    const report = reports.get(preset)!;
    expect(report.rootCause).toBe(entry.expectedRootCause);
    const root = report.causes[0]!;
    expect(root.id).toBe(entry.expectedRootCause);
    expect(JSON.stringify(root.evidence)).toMatch(expectedErrorNames[preset]!);
    expect(root.fixes.length + root.evidence.length).toBeGreaterThan(0);
  });

  it('presets with another profile of the same account: after the lookup the root cause is the expected one', async () => {
    const entries = bench.folder.presets.filter((entry) => entry.lookUpWith);
    expect(entries.map((entry) => entry.preset)).toEqual(expect.arrayContaining(['inactive-key-lookup', 'deleted-key-lookup']));
    for (const entry of entries) {
      const lookUp = await lookUpRefusedKey(bench.hostFor(entry), { refusedProfile: entry.profile, helperProfile: entry.lookUpWith! });
      expect(applyKeyLookUp(reports.get(entry.preset)!, lookUp).rootCause, entry.preset).toBe(entry.expectedAfterLookUp);
    }
  });

  it('good: no cause, every live step passes', () => {
    const report = reports.get('good')!;
    expect(report.rootCause).toBeNull();
    expect(report.causes).toEqual([]);
    const byStep = Object.fromEntries(report.steps.map((step) => [step.step, step.status]));
    expect(byStep).toMatchObject({ credentials: 'pass', 'key-health': 'pass', region: 'pass', permissions: 'pass', renew: 'pass', summary: 'pass' });
    expect(report.target.identity?.arn).toMatch(/^arn:aws:iam::\d{12}:user\/good$/);
  });

  it('cluster and ACL presets finish without crashing and yield schema-valid reports', () => {
    for (const preset of ['acl-user-disabled', 'acl-wrong-auth-type', 'acl-user-missing', 'connect-denied', 'cluster-not-found']) {
      const report = reports.get(preset)!;
      expect(() => diagnosisReportSchema.parse(report)).not.toThrow();
      expect(report.steps.map((step) => step.step)).toEqual(['credentials', 'key-health', 'region', 'permissions', 'renew', 'cluster', 'summary']);
    }
  });

  it('region-not-enabled: the differential probe asked us-east-1 and the key worked there', () => {
    const report = reports.get('region-not-enabled')!;
    const differential = report.probes.find((probe) => probe.id === 'credentials.same-key-elsewhere')!;
    expect(differential.status).toBe('fail');
    expect(differential.evidence.map((item) => item.request)).toEqual(['sts:GetCallerIdentity in ap-east-1', 'sts:GetCallerIdentity in us-east-1']);
    expect(report.causes.map((cause) => cause.id)).not.toContain('credentials.key-rejected');
  });

  it('stray-session-token: the leftover token is named where it lives, and nothing says the key expired', () => {
    const report = reports.get('stray-session-token')!;
    const root = report.causes[0]!;
    expect(root.summary).toMatch(/AKIA|long-term/);
    expect(JSON.stringify(root)).toContain('aws_session_token line of [stray-session-token]');
    expect(root.fixes).toContainEqual(expect.objectContaining({ command: 'aws configure set aws_session_token "" --profile stray-session-token' }));
    expect(report.causes.map((cause) => cause.id)).not.toContain('credentials.expired');
  });

  it('expired-session: the fix is fresh temporary credentials from their source', () => {
    const root = reports.get('expired-session')!.causes[0]!;
    expect(root.fixes).toContainEqual(expect.objectContaining({ command: 'aws sts get-session-token', label: expect.stringContaining('[expired-session]') }));
  });

  it('old-session-token: temporary credentials are renewed at their source, not replaced by new access keys', () => {
    const root = reports.get('old-session-token')!.causes[0]!;
    expect(root.summary).toMatch(/temporary credentials/);
    expect(JSON.stringify(root.fixes)).not.toMatch(/aws configure --profile|Create or check access keys/);
    expect(root.fixes).toContainEqual(expect.objectContaining({ command: 'aws sts get-session-token' }));
  });

  it('global-sts-token: an enabled opt-in region refusing a v1 token names the token, not the region', () => {
    const report = reports.get('global-sts-token')!;
    expect(report.causes.map((cause) => cause.id)).not.toContain('region.not-enabled');
    const root = report.causes[0]!;
    expect(root.summary).toMatch(/global STS endpoint/);
    expect(root.fixes).toContainEqual(
      expect.objectContaining({ command: 'aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token' }),
    );
    expect(JSON.stringify(root.fixes)).not.toMatch(/enable-region/);
  });

  it('bad-key-id: the same key is refused in us-east-1 too, so it is the key, not the region', () => {
    const report = reports.get('bad-key-id')!;
    expect(report.causes.map((cause) => cause.id)).not.toContain('region.not-enabled');
  });

  it('an auth error is asked once, not retried', async () => {
    const entry = bench.preset('bad-key-id');
    const evidence = reports.get('bad-key-id')!.causes[0]!.evidence;
    expect(evidence.every((item) => !/after \d+ attempts/.test(item.label))).toBe(true);
    const keyId = new RegExp(`^\\[${entry.profile}\\]\\naws_access_key_id = (\\w+)`, 'm').exec(await readFile(bench.folder.credentialsFile, 'utf8'))![1];
    const asked = bench.sim.requestLog.filter(
      (request) => request.operation === 'GetCallerIdentity' && request.accessKeyId === keyId && request.region === entry.region,
    );
    expect(asked.map((request) => request.errorCode)).toEqual(['InvalidClientTokenId']);
  });

  it('clock-skew: the offset is measured from the Date header and reported', () => {
    const root = reports.get('clock-skew')!.causes[0]!;
    // The Date header has one-second resolution, so 20 minutes may read as 19 min 59 s.
    expect(root.summary).toMatch(/(19 min 5\d|20 min \d) s behind the server/);
  });

  it('clock-skew-small: STS accepted the first call, and the evidence says so instead of claiming a correction', () => {
    const report = reports.get('clock-skew-small')!;
    const root = report.causes[0]!;
    expect(root.summary).toMatch(/STS accepted the request \(it allows 15 minutes\), but MemoryDB allows only 5/);
    expect(root.summary).toMatch(/(9 min 5\d|10 min \d) s behind the server/);
    const text = JSON.stringify(report);
    expect(text).not.toMatch(/only after the SDK corrected|First attempt refused/);
  });

  it('clock-skew: past 15 minutes STS refused the first call and the SDK corrected', () => {
    const root = reports.get('clock-skew')!.causes[0]!;
    expect(root.summary).toMatch(/STS refused the first request/);
  });

  it('deny-unexplained: your own policies allow it, so the deny is in a policy you cannot read; no Allow is offered', () => {
    const report = reports.get('deny-unexplained')!;
    const root = report.causes[0]!;
    expect(root.summary).toMatch(/although your own policies allow it \(statement "MemoryDBRead" of the managed policy MemoryDBDeveloper/);
    expect(root.summary).toMatch(/service control policy or resource control policy of your organisation/);
    expect(root.fixes[0]).toMatchObject({ kind: 'copy-command', command: expect.stringContaining('aws organizations list-policies-for-target --target-id') });
    expect(root.fixes.map((fix) => fix.kind)).not.toContain('copy-policy');
    expect(report.causes.map((cause) => cause.id)).not.toContain('permissions.missing');
  });

  it('deny-in-managed-policy: plain AccessDenied, no simulator: the Deny statement is named with the command that prints it', () => {
    const report = reports.get('deny-in-managed-policy')!;
    const root = report.causes[0]!;
    expect(root.summary).toMatch(
      /^Statement "DenyMemoryDb" of the managed policy MemoryDBGuardrail \(version v3\) attached to user deny-in-managed-policy denies memorydb:DescribeClusters/,
    );
    expect(root.fixes[0]).toMatchObject({
      kind: 'copy-command',
      command: expect.stringMatching(/^aws iam get-policy-version --policy-arn arn:aws:iam::\d{12}:policy\/MemoryDBGuardrail --version-id v3$/),
    });
    expect(JSON.stringify(report.causes)).not.toMatch(/No policy allows|put-user-policy/);
    expect(root.evidence).toContainEqual({
      label: expect.stringMatching(/^Read from the managed policy MemoryDBGuardrail \(version v3\)/),
      message: '{"Sid":"DenyMemoryDb","Effect":"Deny","Action":["memorydb:*"],"Resource":["*"]}',
    });
    // Every policy read is a recorded call.
    const reading = report.probes.find((probe) => probe.id === 'permissions.read-policies')!;
    expect(reading.evidence.map((item) => item.request)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^iam:GetPolicyVersion .*MemoryDBGuardrail v3$/), 'iam:ListGroupsForUser deny-in-managed-policy']),
    );
  });

  it("deny-in-group: the group's inline policy is named, and get-group-policy prints it", () => {
    const root = reports.get('deny-in-group')!.causes[0]!;
    expect(root.summary).toMatch(/^Statement "DenyMemoryDb" of the inline policy no-memorydb on group contractors denies memorydb:DescribeClusters/);
    expect(root.fixes[0]).toMatchObject({ command: 'aws iam get-group-policy --group-name contractors --policy-name no-memorydb' });
  });

  it('boundary-without-memorydb: the boundary is named as what lacks the Allow', () => {
    const root = reports.get('boundary-without-memorydb')!.causes[0]!;
    expect(root.summary).toMatch(
      /^The permissions boundary DeveloperBoundary \(version v1\) of user boundary-without-memorydb does not allow memorydb:DescribeClusters/,
    );
    expect(root.fixes[0]).toMatchObject({
      command: expect.stringMatching(/^aws iam get-policy-version --policy-arn .*:policy\/DeveloperBoundary --version-id v1$/),
    });
  });

  it("deny-in-role-policy: for a role session, the role's inline policy is named and get-role-policy prints it", () => {
    const root = reports.get('deny-in-role-policy')!.causes[0]!;
    expect(root.summary).toMatch(
      /^Statement "DenyMemoryDb" of the inline policy guardrail on role deny-in-role-policy-role denies memorydb:DescribeClusters for arn:aws:sts::\d{12}:assumed-role\/deny-in-role-policy-role\//,
    );
    expect(root.fixes[0]).toMatchObject({ command: 'aws iam get-role-policy --role-name deny-in-role-policy-role --policy-name guardrail' });
  });

  it('deny-in-group, with the group unreadable: the refused reads are named and nothing is claimed about the missing part', async () => {
    const entry = bench.preset('deny-in-group');
    const user = bench.sim.world.users.find((candidate) => candidate.name === 'deny-in-group')!;
    const view = user.inlinePolicies.get('ViewOwnPermissions')!;
    user.inlinePolicies.set('ViewOwnPermissions', { ...view, Statement: [(view.Statement as PolicyStatement[])[0]!] });
    try {
      const { report } = await diagnose(bench.hostFor(entry), presetRequest(entry), { probes: defaultProbes });
      const root = report.causes[0]!;
      expect(root.id).toBe('permissions.denied');
      expect(root.summary).toMatch(
        /reading your own policies did not settle it \(.*could not read the policies of group contractors: iam:ListGroupPolicies denied/,
      );
      expect(JSON.stringify(report.causes)).not.toMatch(/No policy allows|your own policies allow/);
    } finally {
      user.inlinePolicies.set('ViewOwnPermissions', view);
    }
  });

  it('deny-in-group, with the Deny only outside the office network: a condition the tool cannot check is said, not guessed', async () => {
    const entry = bench.preset('deny-in-group');
    const group = bench.sim.world.groups.find((candidate) => candidate.name === 'contractors')!;
    const original = group.inlinePolicies.get('no-memorydb')!;
    group.inlinePolicies.set('no-memorydb', {
      Version: '2012-10-17',
      Statement: [{ Sid: 'OfficeOnly', Effect: 'Deny', Action: 'memorydb:*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } }],
    });
    try {
      const { report } = await diagnose(bench.hostFor(entry), presetRequest(entry), { probes: defaultProbes });
      const root = report.causes[0]!;
      expect(root.id).toBe('permissions.denied');
      expect(root.summary).toContain(
        'statement "OfficeOnly" of the inline policy no-memorydb on group contractors would deny it only under conditions this tool cannot check (NotIpAddress aws:SourceIp)',
      );
      expect(root.fixes[0]).toMatchObject({
        label: 'Print the inline policy no-memorydb on group contractors: its statement "OfficeOnly" denies under a condition',
        command: 'aws iam get-group-policy --group-name contractors --policy-name no-memorydb',
      });
    } finally {
      group.inlinePolicies.set('no-memorydb', original);
    }
  });

  it('no-allow-plain: every policy was read and none allows MemoryDB, so the Allow to attach is the fix', () => {
    const root = reports.get('no-allow-plain')!.causes[0]!;
    expect(root.summary).toMatch(/^No policy allows memorydb:DescribeClusters .* \(all \d+ of your policies were read\)/);
    expect(root.fixes).toContainEqual(expect.objectContaining({ command: expect.stringContaining('aws iam put-user-policy --user-name no-allow-plain') }));
  });

  it('wrong-region: the fix sets the region where the cluster is', () => {
    const root = reports.get('wrong-region')!.causes[0]!;
    expect(root.fixes).toContainEqual(
      expect.objectContaining({ kind: 'set-value', key: 'region', value: 'eu-west-1', profile: 'wrong-region', file: 'config' }),
    );
  });

  it('no-permission: the least-privilege policy and the command to attach it', () => {
    const root = reports.get('no-permission')!.causes[0]!;
    const policy = root.fixes.find((fix) => fix.kind === 'copy-policy');
    expect(policy && JSON.parse(policy.json)).toMatchObject({
      Version: '2012-10-17',
      Statement: [expect.objectContaining({ Effect: 'Allow', Action: expect.arrayContaining(['memorydb:DescribeClusters']) })],
    });
    expect(root.fixes).toContainEqual(
      expect.objectContaining({ kind: 'copy-command', command: expect.stringContaining('aws iam put-user-policy --user-name no-permission') }),
    );
  });

  it('old-key: the renew step offers rotation of that profile', () => {
    const renew = reports.get('old-key')!.probes.find((probe) => probe.step === 'renew')!;
    expect(renew.fixes).toContainEqual({ kind: 'rotate-key', label: expect.any(String), profile: 'old-key' });
  });

  it('two-keys-full: the fix deletes the other key, named only masked', () => {
    const root = reports.get('two-keys-full')!.causes[0]!;
    expect(root.fixes).toContainEqual(
      expect.objectContaining({
        kind: 'copy-command',
        command: expect.stringMatching(
          /^aws iam delete-access-key --user-name two-keys-full --access-key-id "\$\(aws iam list-access-keys --user-name two-keys-full --query "AccessKeyMetadata\[\?ends_with\(AccessKeyId, '\w{4}'\)\]\.AccessKeyId" --output text\)"$/,
        ),
      }),
    );
  });

  it.each(['good', 'env-only', 'env-only-session', 'aws-profile-env', 'broken-neighbour', 'assume-role', 'no-simulator'])(
    '%s: a healthy setup names no cause and exits 0',
    (preset) => {
      const report = reports.get(preset)!;
      expect(report.causes).toEqual([]);
      expect(exitCodeOf(report)).toBe(0);
    },
  );

  it('env-only: the region comes from AWS_REGION and the credentials from the environment, with no AWS files', () => {
    const report = reports.get('env-only')!;
    expect(report.target).toMatchObject({ region: 'eu-west-1', regionSource: 'AWS_REGION', credentialSource: 'environment variables' });
  });

  it("broken-neighbour: the broken [staging] section is not this profile's problem, nor any other preset's", () => {
    for (const [preset, report] of reports) expect(JSON.stringify(report.causes), preset).not.toContain('broken-neighbour-staging');
  });

  it('region-env-override: the fix unsets AWS_REGION, it does not rewrite the (correct) profile region', () => {
    const root = reports.get('region-env-override')!.causes[0]!;
    expect(root.fixes).toEqual([expect.objectContaining({ kind: 'copy-command', command: 'unset AWS_REGION' })]);
  });

  it('wrong-region: the fix also gives the AWS CLI command with the real region and profile', () => {
    const root = reports.get('wrong-region')!.causes[0]!;
    expect(root.fixes).toContainEqual(expect.objectContaining({ command: 'aws configure set region eu-west-1 --profile wrong-region' }));
  });

  it('profile-typo: did you mean the near profile', () => {
    const root = reports.get('profile-typo')!.causes[0]!;
    expect(root.summary).toBe('There is no profile "profile-tpyo". Did you mean "profile-typo"?');
    expect(root.fixes).toContainEqual(expect.objectContaining({ command: 'mdb-doctor diagnose --profile profile-typo' }));
  });

  it('profile-default-in-credentials: the exact finding, with the file and line, for the default profile', () => {
    const root = reports.get('profile-default-in-credentials')!.causes[0]!;
    expect(root.evidence.map((item) => item.label).join('\n')).toMatch(/profile.prefix-in-credentials at .*credentials:1/);
    expect(JSON.stringify(root.evidence)).toContain('Rename the header to [default]');
    // What to do is said where the page would put a button: renaming a header is done by hand.
    expect(root.advice).toBe('Rename the header to [default].');
  });

  it.each(['assume-role-untrusted', 'assume-role-not-allowed', 'assume-role-missing-role', 'assume-role-external-id'])(
    '%s: names the role, its trust policy and sts:AssumeRole, never offers to write static keys',
    (preset) => {
      const root = reports.get(preset)!.causes[0]!;
      expect(root.summary).toContain(`role/${preset}-role`);
      expect(root.summary).toMatch(/trust policy/);
      expect(root.summary).toMatch(/sts:AssumeRole/);
      expect(JSON.stringify(root.fixes)).toContain(`aws iam get-role --role-name ${preset}-role`);
      expect(JSON.stringify(root.fixes)).not.toContain('aws configure --profile');
    },
  );

  it('assume-role-source-broken: the source profile is named as the one AWS refuses', () => {
    const root = reports.get('assume-role-source-broken')!.causes[0]!;
    expect(root.summary).toContain('Source profile "assume-role-source-broken-source"');
    expect(root.fixes).toContainEqual(expect.objectContaining({ command: 'aws configure --profile assume-role-source-broken-source' }));
  });

  it('no-simulator: the summary says the optional simulator could not run, and the real calls passed', () => {
    const report = reports.get('no-simulator')!;
    expect(report.steps.at(-1)).toMatchObject({
      status: 'pass',
      summary: expect.stringMatching(/^No problem found\. Not checked \(optional\): IAM policy simulator/),
    });
  });

  it('no secret appears in any event, report, Markdown or JSON export; key ids appear only masked', () => {
    expect(secrets.length).toBeGreaterThan(15);
    for (const [preset, report] of reports) {
      const outputs = [JSON.stringify(progress.get(preset)), JSON.stringify(report), exportReport(report, 'markdown'), exportReport(report, 'json')];
      for (const text of outputs) {
        for (const secret of secrets) expect(text.includes(secret), `${preset} leaks a secret`).toBe(false);
        for (const keyId of keyIds) expect(text.includes(keyId), `${preset} shows a full key id`).toBe(false);
      }
    }
  });

  it('progress streams a start and a finish for every probe that ran', () => {
    const events = progress.get('good')!;
    const started = events.flatMap((event) => (event.type === 'probe-started' ? [event.probeId] : []));
    const finished = events.flatMap((event) => (event.type === 'probe-finished' ? [event.result] : []));
    expect(started.length).toBeGreaterThan(3);
    expect(finished.map((result) => result.id)).toEqual(expect.arrayContaining(started));
    // A probe skipped for want of its inputs never ran: it finishes without a start.
    expect(finished.filter((result) => !started.includes(result.id) && result.status !== 'skipped')).toEqual([]);
    expect(finished.length).toBe(reports.get('good')!.probes.length);
  });
});
