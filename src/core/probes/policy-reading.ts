import {
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsForUserCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { Evidence } from '../../shared/model/diagnosis';
import type { CallResult } from '../aws/session';
import { partitionOfArn } from '../cluster/connect-rules';
import { isRefused, type ActionVerdict, type PolicyReadingFact, type TargetFact } from '../diagnosis/facts';
import { defineProbe, type ProbeContext, type ProbeOutcome } from '../diagnosis/probe';
import { parsePolicyDocument } from '../iam-policy/document';
import { describeOrigin, describeStatement, readAction, type PolicyHolder, type PolicyOrigin, type ReadPolicy } from '../iam-policy/evaluate';
import { fallbackRegion } from '../regions/regions';
import { requiredActions } from './permission-actions';
import { memoryDbRegionOf, note, policySourceOf } from './shared';

/** Bounds on the work: pages per list (IAM's MaxItems is 100 per page), groups and policy documents read. */
export const readingLimits = { pages: 3, groups: 10, documents: 30 } as const;

type Layer = 'identity' | 'boundary';
type Unread = { what: string; layer: Layer };

/** One reading in progress: what was read, what was not, and every call's evidence. */
class Reading {
  readonly policies: ReadPolicy[] = [];
  readonly unread: Unread[] = [];
  readonly evidence: Evidence[] = [];
  private documents = 0;
  private readonly managed = new Map<string, Promise<{ versionId: string; text: string } | null>>();

  constructor(
    private readonly context: ProbeContext,
    private readonly region: string,
  ) {}

  /** One IAM call through the run (recorded, deadline honoured); a failure is noted as what could not be read. */
  async call<Output>(
    request: string,
    what: string,
    layer: Layer,
    send: (client: IAMClient, abortSignal: AbortSignal) => Promise<Output>,
  ): Promise<Output | null> {
    const result: CallResult<Output> = await this.context.call('iam', this.region, request, (client, options) => send(client, options.abortSignal));
    this.evidence.push(result.evidence);
    if (result.ok) return result.output;
    const action = `iam:${request.split(' ')[0]!.replace(/^iam:/, '')}`;
    const why = result.failure.kind === 'access-denied' ? `${action} denied` : `${action} failed (${result.failure.errorName})`;
    this.unread.push({ what: `could not read ${what}: ${why}`, layer });
    return null;
  }

  /** Every item of a paged IAM list, up to the page limit (then noted as unread). */
  async list<Item>(
    request: string,
    what: string,
    layer: Layer,
    page: (client: IAMClient, marker: string | undefined, abortSignal: AbortSignal) => Promise<{ items: Item[]; IsTruncated?: boolean; Marker?: string }>,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let marker: string | undefined;
    for (let pages = 0; pages < readingLimits.pages; pages++) {
      const output = await this.call(request, what, layer, (client, signal) => page(client, marker, signal));
      if (!output) return items;
      items.push(...output.items);
      if (!output.IsTruncated || !output.Marker) return items;
      marker = output.Marker;
    }
    this.unread.push({ what: `${what} has more than ${readingLimits.pages} pages; the rest was not read`, layer });
    return items;
  }

  /** Counts one document against the limit; false (and noted) once it is reached. */
  private take(what: string, layer: Layer): boolean {
    if (this.documents >= readingLimits.documents) {
      this.unread.push({ what: `${what} was not read (more than ${readingLimits.documents} policies)`, layer });
      return false;
    }
    this.documents++;
    return true;
  }

  /** Parses a document and keeps it, or notes why it could not be used. */
  private keep(origin: PolicyOrigin, text: string | undefined, layer: Layer): void {
    const parsed = parsePolicyDocument(text ?? '');
    if (parsed.ok) this.policies.push({ origin, document: parsed.document });
    else this.unread.push({ what: `${describeOrigin(origin)} could not be read: ${parsed.reason}`, layer });
  }

  /** An inline policy of a user, role or group. */
  async inline(holder: PolicyHolder, name: string, request: string, get: (client: IAMClient, signal: AbortSignal) => Promise<{ PolicyDocument?: string }>) {
    const origin: PolicyOrigin = { kind: 'inline', name, holder };
    if (!this.take(describeOrigin(origin), 'identity')) return;
    const output = await this.call(request, describeOrigin(origin), 'identity', get);
    if (output) this.keep(origin, output.PolicyDocument, 'identity');
  }

  /** A managed policy's default version (GetPolicy, then GetPolicyVersion), read once per ARN. */
  async managedPolicy(holder: PolicyHolder, arn: string, boundary = false): Promise<void> {
    const name = arn.split('/').pop() ?? arn;
    const layer: Layer = boundary ? 'boundary' : 'identity';
    const what = boundary ? `the permissions boundary ${name} of ${holder.type} ${holder.name}` : `the managed policy ${name}`;
    let fetched = this.managed.get(arn);
    if (!fetched) {
      if (!this.take(what, layer)) return;
      fetched = (async () => {
        const policy = await this.call(`iam:GetPolicy ${arn}`, what, layer, (client, abortSignal) =>
          client.send(new GetPolicyCommand({ PolicyArn: arn }), { abortSignal }),
        );
        const versionId = policy?.Policy?.DefaultVersionId;
        if (!versionId) return null;
        const version = await this.call(`iam:GetPolicyVersion ${arn} ${versionId}`, what, layer, (client, abortSignal) =>
          client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }), { abortSignal }),
        );
        return version ? { versionId, text: version.PolicyVersion?.Document ?? '' } : null;
      })();
      this.managed.set(arn, fetched);
    }
    const read = await fetched;
    if (!read) return;
    const origin: PolicyOrigin = boundary
      ? { kind: 'boundary', name, arn, versionId: read.versionId, holder }
      : { kind: 'managed', name, arn, versionId: read.versionId, holder };
    this.keep(origin, read.text, layer);
  }
}

const names = (output: { PolicyNames?: string[]; IsTruncated?: boolean; Marker?: string }) => ({ ...output, items: output.PolicyNames ?? [] });
const arns = (output: { AttachedPolicies?: Array<{ PolicyArn?: string }>; IsTruncated?: boolean; Marker?: string }) => ({
  ...output,
  items: (output.AttachedPolicies ?? []).flatMap((policy) => (policy.PolicyArn ? [policy.PolicyArn] : [])),
});

/** A group's inline and attached policies. */
async function readGroup(reading: Reading, group: string): Promise<void> {
  const holder: PolicyHolder = { type: 'group', name: group };
  const [inline, attached] = await Promise.all([
    reading.list(`iam:ListGroupPolicies ${group}`, `the policies of group ${group}`, 'identity', (client, Marker, abortSignal) =>
      client.send(new ListGroupPoliciesCommand({ GroupName: group, Marker }), { abortSignal }).then(names),
    ),
    reading.list(`iam:ListAttachedGroupPolicies ${group}`, `the managed policies of group ${group}`, 'identity', (client, Marker, abortSignal) =>
      client.send(new ListAttachedGroupPoliciesCommand({ GroupName: group, Marker }), { abortSignal }).then(arns),
    ),
  ]);
  await Promise.all([
    ...inline.map((name) =>
      reading.inline(holder, name, `iam:GetGroupPolicy ${group} ${name}`, (client, abortSignal) =>
        client.send(new GetGroupPolicyCommand({ GroupName: group, PolicyName: name }), { abortSignal }),
      ),
    ),
    ...attached.map((arn) => reading.managedPolicy(holder, arn)),
  ]);
}

/** An IAM user's policies: inline, attached, those of its groups, and its permissions boundary. */
async function readUser(reading: Reading, user: string): Promise<void> {
  const holder: PolicyHolder = { type: 'user', name: user };
  const [details, inline, attached, groups] = await Promise.all([
    reading.call(`iam:GetUser ${user}`, `whether user ${user} has a permissions boundary`, 'boundary', (client, abortSignal) =>
      client.send(new GetUserCommand({ UserName: user }), { abortSignal }),
    ),
    reading.list(`iam:ListUserPolicies ${user}`, `the inline policies of user ${user}`, 'identity', (client, Marker, abortSignal) =>
      client.send(new ListUserPoliciesCommand({ UserName: user, Marker }), { abortSignal }).then(names),
    ),
    reading.list(`iam:ListAttachedUserPolicies ${user}`, `the managed policies of user ${user}`, 'identity', (client, Marker, abortSignal) =>
      client.send(new ListAttachedUserPoliciesCommand({ UserName: user, Marker }), { abortSignal }).then(arns),
    ),
    reading.list(`iam:ListGroupsForUser ${user}`, `the groups of user ${user}`, 'identity', (client, Marker, abortSignal) =>
      client
        .send(new ListGroupsForUserCommand({ UserName: user, Marker }), { abortSignal })
        .then((output) => ({ ...output, items: (output.Groups ?? []).flatMap((group) => (group.GroupName ? [group.GroupName] : [])) })),
    ),
  ]);
  if (groups.length > readingLimits.groups)
    reading.unread.push({ what: `user ${user} is in ${groups.length} groups; only the first ${readingLimits.groups} were read`, layer: 'identity' });
  const boundary = details?.User?.PermissionsBoundary?.PermissionsBoundaryArn;
  await Promise.all([
    ...inline.map((name) =>
      reading.inline(holder, name, `iam:GetUserPolicy ${user} ${name}`, (client, abortSignal) =>
        client.send(new GetUserPolicyCommand({ UserName: user, PolicyName: name }), { abortSignal }),
      ),
    ),
    ...attached.map((arn) => reading.managedPolicy(holder, arn)),
    ...groups.slice(0, readingLimits.groups).map((group) => readGroup(reading, group)),
    ...(boundary ? [reading.managedPolicy(holder, boundary, true)] : []),
  ]);
}

/** A role's policies (the role behind an assumed-role session): inline, attached and its boundary; its full ARN comes back. */
async function readRole(reading: Reading, role: string): Promise<string | undefined> {
  const holder: PolicyHolder = { type: 'role', name: role };
  const [details, inline, attached] = await Promise.all([
    reading.call(`iam:GetRole ${role}`, `whether role ${role} has a permissions boundary`, 'boundary', (client, abortSignal) =>
      client.send(new GetRoleCommand({ RoleName: role }), { abortSignal }),
    ),
    reading.list(`iam:ListRolePolicies ${role}`, `the inline policies of role ${role}`, 'identity', (client, Marker, abortSignal) =>
      client.send(new ListRolePoliciesCommand({ RoleName: role, Marker }), { abortSignal }).then(names),
    ),
    reading.list(`iam:ListAttachedRolePolicies ${role}`, `the managed policies of role ${role}`, 'identity', (client, Marker, abortSignal) =>
      client.send(new ListAttachedRolePoliciesCommand({ RoleName: role, Marker }), { abortSignal }).then(arns),
    ),
  ]);
  const boundary = details?.Role?.PermissionsBoundary?.PermissionsBoundaryArn;
  await Promise.all([
    ...inline.map((name) =>
      reading.inline(holder, name, `iam:GetRolePolicy ${role} ${name}`, (client, abortSignal) =>
        client.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: name }), { abortSignal }),
      ),
    ),
    ...attached.map((arn) => reading.managedPolicy(holder, arn)),
    ...(boundary ? [reading.managedPolicy(holder, boundary, true)] : []),
  ]);
  return details?.Role?.Arn;
}

/** Policy types in AWS's denial messages that a reading of the caller's own policies can show. */
const identityKinds = /identity-based|permissions boundar/i;

const resourceKinds: Record<string, string> = {
  'memorydb:DescribeClusters': 'cluster',
  'memorydb:ListTags': 'cluster',
  'memorydb:DescribeUsers': 'user',
  'memorydb:DescribeACLs': 'acl',
};

/** The resource a refused call was about: the ARN AWS's message names, else the one the request would have used. */
export function refusedResource(verdict: ActionVerdict, target: TargetFact, account: string, partition: string, clusterArn: string | undefined): string {
  const named = /on resource: (arn:\S+?)(?:\s|$|\.?$)/.exec(verdict.evidence.message ?? '')?.[1];
  if (named) return named;
  if (verdict.action === 'memorydb:ListTags' && clusterArn) return clusterArn;
  return `arn:${partition}:memorydb:${target.region ?? '*'}:${account}:${resourceKinds[verdict.action] ?? '*'}/*`;
}

/** The reading's answer in words, for the probe's verdict and the evidence. */
export function describeReading(entry: PolicyReadingFact['actions'][number]): string {
  const { reading } = entry;
  switch (reading.outcome) {
    case 'explicit-deny':
      return `${entry.action}: denied by ${describeStatement(reading.statement)}`;
    case 'no-identity-allow':
      return `${entry.action}: none of your policies allows it`;
    case 'no-boundary-allow':
      return `${entry.action}: ${describeOrigin(reading.boundary)} does not allow it`;
    case 'allowed':
      return `${entry.action}: allowed by ${describeStatement(reading.statement)}`;
    case 'undecided':
      return `${entry.action}: not decided (${reading.reasons.join('; ')})`;
  }
}

/**
 * Step 4, when the policy simulator gave no verdict (not allowed, unavailable) and a real
 * MemoryDB call was refused: reads the caller's own policies (inline, attached, group and
 * permissions boundary) as far as IAM lets it, with bounded work, and evaluates them for the
 * refused actions, so the verdict can name the statement that denies, the missing Allow, or
 * say that the deny lies in a policy the caller cannot read.
 */
export const policyReadingProbe = defineProbe({
  id: 'permissions.read-policies',
  step: 'permissions',
  title: 'Your own IAM policies',
  needs: ['target', 'credentials', 'identity'],
  uses: ['simulation', 'realCalls', 'regionClusters'],
  yields: ['policyReading'],
  optional: true,
  async run(context): Promise<ProbeOutcome> {
    const target = context.need('target');
    const identity = context.need('identity');
    if (context.facts.simulation) return { status: 'skipped', verdict: 'The policy simulator decided; your policies were not read.' };
    const required = requiredActions(target);
    const refused = (context.facts.realCalls?.verdicts ?? []).filter((verdict) => required.includes(verdict.action) && isRefused(verdict));
    if (refused.length === 0) return { status: 'skipped', verdict: 'No MemoryDB call you need was refused.' };
    // AWS's message already names a policy the caller's own cannot show (an SCP, a session policy, ...): nothing to read.
    const elsewhere = refused.map((verdict) => verdict.deniedBy).filter((by): by is string => by !== undefined && !identityKinds.test(by));
    if (elsewhere.length === refused.length)
      return {
        status: 'skipped',
        verdict: `AWS's message names the policy that decided (${[...new Set(elsewhere)].join(', ')}), which your own policies cannot show.`,
      };
    const source = policySourceOf(identity.arn);
    if (source.kind === 'none') return { status: 'skipped', verdict: source.reason };
    const reading = new Reading(context, fallbackRegion(target.region));
    const roleArn = source.kind === 'user' ? (await readUser(reading, source.name), undefined) : await readRole(reading, source.name);
    const partition = partitionOfArn(identity.arn);
    const region = memoryDbRegionOf(target);
    const requestContext: Record<string, string> = {
      'aws:PrincipalArn': source.kind === 'user' ? source.arn : (roleArn ?? source.arn),
      'aws:PrincipalAccount': identity.account,
      'aws:SecureTransport': 'true',
      'aws:PrincipalType': source.kind === 'user' ? 'User' : 'AssumedRole',
      ...(source.kind === 'user' ? { 'aws:username': source.name } : {}),
      ...(region ? { 'aws:RequestedRegion': region } : {}),
    };
    const clusters = context.facts.regionClusters;
    const clusterArn = clusters?.named?.arn ?? clusters?.clusters[0]?.arn;
    const input = { policies: reading.policies, unread: reading.unread };
    const actions = refused.map((verdict) => {
      const resource = refusedResource(verdict, target, identity.account, partition, clusterArn);
      return { action: verdict.action, resource, reading: readAction(input, { action: verdict.action, resource, context: requestContext }) };
    });
    const fact: PolicyReadingFact = {
      holder: { type: source.kind, name: source.name, arn: requestContext['aws:PrincipalArn']! },
      policiesRead: reading.policies.length,
      unread: reading.unread.map((entry) => entry.what),
      actions,
    };
    const lines = actions.map(describeReading);
    const decided = actions.every((entry) => entry.reading.outcome !== 'undecided');
    const evidence = [...reading.evidence, ...lines.map((line) => note(line)), ...fact.unread.map((line) => note(`Not read: ${line}`))];
    return {
      status: decided ? 'warn' : 'unknown',
      verdict: `Read ${fact.policiesRead} ${fact.policiesRead === 1 ? 'policy' : 'policies'} of yours${fact.unread.length > 0 ? ` (not all: ${fact.unread.join('; ')})` : ''}. ${lines.join('. ')}.`,
      evidence,
      facts: { policyReading: fact },
    };
  },
});
