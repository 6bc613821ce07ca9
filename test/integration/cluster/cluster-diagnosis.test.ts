import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/core/diagnosis/diagnose';
import { defaultProbes } from '../../../src/core/probes';
import type { DiagnosisReport } from '../../../src/shared/model/diagnosis';
import { startPresetSim, type PresetSim } from '../../helpers/sim-presets';

const presets = ['good', 'acl-user-disabled', 'acl-wrong-auth-type', 'cluster-not-found', 'acl-user-missing', 'connect-denied'];

let bench: PresetSim;
const reports = new Map<string, DiagnosisReport>();

async function reportFor(name: string): Promise<DiagnosisReport> {
  const cached = reports.get(name);
  if (cached) return cached;
  const entry = bench.preset(name);
  const { report } = await diagnose(
    bench.hostFor(entry),
    { profile: entry.profile, ...(entry.cluster ? { cluster: entry.cluster } : {}), ...(entry.user ? { user: entry.user } : {}) },
    { probes: defaultProbes, probeTimeoutMs: 15_000 },
  );
  reports.set(name, report);
  return report;
}

const probe = (report: DiagnosisReport, id: string) => report.probes.find((result) => result.id === id);

beforeAll(async () => {
  bench = await startPresetSim({}, presets);
});

afterAll(async () => {
  await bench?.close();
});

describe('cluster sign-in probes on the simulator presets', () => {
  it.each(presets.filter((name) => name !== 'good'))('%s: the root cause is the preset’s', async (name) => {
    const report = await reportFor(name);
    expect(report.rootCause).toBe(bench.preset(name).expectedRootCause);
  });

  it('good: both probes pass or skip, and no cluster cause', async () => {
    const report = await reportFor('good');
    expect(probe(report, 'cluster.sign-in-user')?.status).toBe('pass');
    expect(probe(report, 'cluster.sign-in-user')?.verdict).toMatch(
      /app-user may sign in to orders: in ACL orders-acl, active, switched on, password authentication \(1 password\), TLS on/,
    );
    expect(probe(report, 'cluster.connect-permission')).toMatchObject({ status: 'skipped' });
    expect(report.causes.filter((cause) => cause.step === 'cluster')).toEqual([]);
  });

  it('acl-user-disabled: the fix turns the user on and keeps its rules', async () => {
    const cause = (await reportFor('acl-user-disabled')).causes.find((entry) => entry.id === 'cluster.user-disabled');
    expect(cause?.fixes).toContainEqual(
      expect.objectContaining({
        kind: 'copy-command',
        command: 'aws memorydb update-user --user-name app-user --access-string "on ~* &* +@all" --region eu-west-1',
      }),
    );
    expect(cause?.evidence.map((item) => item.label).join('\n')).toMatch(/access string "off ~\* &\* \+@all"/);
  });

  it('acl-user-missing: the fix adds the user to the cluster’s ACL', async () => {
    const cause = (await reportFor('acl-user-missing')).causes.find((entry) => entry.id === 'cluster.user-missing');
    expect(cause?.summary).toMatch(/reporting exists but is not in the ACL orders-acl/);
    expect(cause?.fixes).toContainEqual(
      expect.objectContaining({ command: 'aws memorydb update-acl --acl-name orders-acl --user-names-to-add reporting --region eu-west-1' }),
    );
  });

  it('acl-wrong-auth-type: names IAM authentication and offers the token', async () => {
    const cause = (await reportFor('acl-wrong-auth-type')).causes.find((entry) => entry.id === 'cluster.auth-mismatch');
    expect(cause?.summary).toMatch(/authenticates with IAM/);
    expect(cause?.fixes.map((fix) => ('command' in fix ? fix.command : ''))).toContain(
      'mdb-doctor token --profile acl-wrong-auth-type --cluster orders --user app-user --region eu-west-1',
    );
  });

  it('acl-wrong-auth-type: when the request says the client signs in with a password, the mismatch is an error, not a warning', async () => {
    const entry = bench.preset('acl-wrong-auth-type');
    const unknownMode = (await reportFor('acl-wrong-auth-type')).causes.find((cause) => cause.id === 'cluster.auth-mismatch');
    const { report } = await diagnose(
      bench.hostFor(entry),
      { profile: entry.profile, cluster: entry.cluster!, user: entry.user!, signIn: 'password' },
      { probes: defaultProbes, probeTimeoutMs: 15_000 },
    );
    const known = report.causes.find((cause) => cause.id === 'cluster.auth-mismatch');
    expect(unknownMode?.severity).toBe('warning');
    expect(known?.severity).toBe('error');
    expect(report.rootCause).toBe('cluster.auth-mismatch');
  });

  it('acl-wrong-auth-type: the developer policy allows Connect on both ARNs', async () => {
    const result = probe(await reportFor('acl-wrong-auth-type'), 'cluster.connect-permission');
    expect(result?.status).toBe('pass');
    expect(
      result?.evidence.filter((item) =>
        /^Simulator: memorydb:Connect on arn:aws:memorydb:eu-west-1:\d{12}:(cluster\/orders|user\/app-user) → allowed$/.test(item.label),
      ),
    ).toHaveLength(2);
    expect(result?.evidence.map((item) => item.label)).toContain('Clock offset for token signing');
  });

  it('connect-denied: Connect is denied on both ARNs and the policy names both', async () => {
    const report = await reportFor('connect-denied');
    const cause = report.causes.find((entry) => entry.id === 'cluster.connect-denied');
    const account = /arn:aws:iam::(\d{12}):/.exec(report.target.identity?.arn ?? '')?.[1];
    const clusterArn = `arn:aws:memorydb:eu-west-1:${account}:cluster/orders`;
    const userArn = `arn:aws:memorydb:eu-west-1:${account}:user/app-user`;
    expect(cause?.summary).toMatch(/cluster\/orders: not allowed by any policy; user\/app-user: not allowed by any policy/);
    const policy = cause?.fixes.find((fix) => fix.kind === 'copy-policy');
    expect(policy && 'json' in policy ? JSON.parse(policy.json) : null).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'MemoryDBConnect', Effect: 'Allow', Action: ['memorydb:Connect'], Resource: [clusterArn, userArn] }],
    });
    expect(cause?.fixes).toContainEqual(
      expect.objectContaining({
        command: 'aws iam put-user-policy --user-name connect-denied --policy-name MemoryDBConnect --policy-document file://memorydb-connect.json',
      }),
    );
  });

  it('acl-user-missing with the user pending in the ACL: a warning to wait, not an error', async () => {
    const entry = bench.preset('acl-user-missing');
    const account = (await reportFor('acl-user-missing')).target.identity?.account;
    const acl = bench.sim.world.acls.find((candidate) => candidate.accountId === account && candidate.name === 'orders-acl');
    if (!acl) throw new Error('orders-acl missing from the preset');
    acl.status = 'modifying';
    acl.pendingChanges = { userNamesToAdd: ['reporting'] };
    try {
      const { report } = await diagnose(bench.hostFor(entry), { profile: entry.profile, cluster: 'orders', user: 'reporting' }, { probes: defaultProbes });
      const cause = report.causes.find((candidate) => candidate.id === 'cluster.user-missing');
      expect(cause?.severity).toBe('warning');
      expect(cause?.summary).toMatch(/reporting is being added to the ACL orders-acl but the change has not applied yet \(ACL modifying\)/);
      expect(probe(report, 'cluster.sign-in-user')?.evidence.map((item) => item.message)).toContain('Pending changes: adding reporting.');
    } finally {
      acl.status = 'active';
      delete acl.pendingChanges;
    }
  });

  it('cluster-not-found: the sign-in probes do not guess a cluster', async () => {
    const report = await reportFor('cluster-not-found');
    expect(probe(report, 'cluster.sign-in-user')?.status).toBe('skipped');
    expect(probe(report, 'cluster.sign-in-user')?.verdict).toMatch(/No cluster named payments/);
  });
});
