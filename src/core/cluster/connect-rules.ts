import { SimulatePrincipalPolicyCommand, type EvaluationResult } from '@aws-sdk/client-iam';
import type { Evidence, Fix } from '../../shared/model/diagnosis';
import type { ActionVerdict } from '../diagnosis/facts';
import type { ProbeContext } from '../diagnosis/probe';
import type { AwsFailure } from '../aws/error-evidence';

/** The data-plane action IAM-authenticated sign-ins need, on both the cluster and the user (docs/aws-behaviour.md §2.2). */
export const connectAction = 'memorydb:Connect';

/** The two resources `memorydb:Connect` must be allowed on. */
export interface ConnectResources {
  clusterArn: string;
  userArn: string;
}

/** A verdict on Connect for one resource. */
export interface ConnectVerdict extends ActionVerdict {
  resource: string;
}

/** The ARNs MemoryDB checks, built as the service names them when DescribeClusters/DescribeUsers gave none. */
export function connectResources(partition: string, region: string, account: string, clusterName: string, userName: string): ConnectResources {
  return {
    clusterArn: `arn:${partition}:memorydb:${region}:${account}:cluster/${clusterName}`,
    userArn: `arn:${partition}:memorydb:${region}:${account}:user/${userName}`,
  };
}

/** The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOfArn(arn: string): string {
  return /^arn:(aws[\w-]*):/.exec(arn)?.[1] ?? 'aws';
}

/** The least-privilege statement for IAM sign-in, as AWS's auth-iam example writes it (both ARNs). */
export function connectPolicy(resources: ConnectResources): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [{ Sid: 'MemoryDBConnect', Effect: 'Allow', Action: [connectAction], Resource: [resources.clusterArn, resources.userArn] }],
    },
    null,
    2,
  );
}

/** The policy to copy and the command that attaches it inline to the caller's user or role. */
export function connectFixes(resources: ConnectResources, source: { kind: 'user' | 'role'; name: string } | null): Fix[] {
  const json = connectPolicy(resources);
  const fixes: Fix[] = [{ kind: 'copy-policy', label: 'Allow memorydb:Connect on the cluster and the user', json }];
  if (source) {
    const verb = source.kind === 'user' ? 'put-user-policy --user-name' : 'put-role-policy --role-name';
    fixes.push({
      kind: 'copy-command',
      label: `Attach it inline to the ${source.kind} ${source.name} (save the policy as memorydb-connect.json first)`,
      command: `aws iam ${verb} ${source.name} --policy-name MemoryDBConnect --policy-document file://memorydb-connect.json`,
    });
  }
  return fixes;
}

function decisionOf(result: EvaluationResult | undefined): { decision: ActionVerdict['decision']; deniedBy?: string } {
  const raw = result?.EvalDecision;
  const decision = raw === 'allowed' || raw === 'explicitDeny' || raw === 'implicitDeny' ? raw : 'unknown';
  if (decision === 'allowed' || decision === 'unknown') return { decision };
  if (result?.OrganizationsDecisionDetail?.AllowedByOrganizations === false) return { decision, deniedBy: 'service control policy' };
  if (result?.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false) return { decision, deniedBy: 'permissions boundary' };
  const statements = result?.MatchedStatements?.map((statement) => statement.SourcePolicyId)
    .filter(Boolean)
    .join(', ');
  return { decision, deniedBy: decision === 'explicitDeny' ? statements || 'identity-based policy' : undefined };
}

/** What the simulator said about Connect, or why it could not say. */
export type ConnectSimulation = { ok: true; verdicts: ConnectVerdict[]; evidence: Evidence[] } | { ok: false; failure: AwsFailure; evidence: Evidence[] };

/**
 * Asks iam:SimulatePrincipalPolicy about `memorydb:Connect` once per resource, so the answer
 * does not depend on how the simulator groups several resources in one evaluation.
 */
export async function simulateConnect(
  context: Pick<ProbeContext, 'call'>,
  iamRegion: string,
  sourceArn: string,
  resources: ConnectResources,
): Promise<ConnectSimulation> {
  const arns = [resources.clusterArn, resources.userArn];
  const results = await Promise.all(
    arns.map((arn) =>
      context.call('iam', iamRegion, `iam:SimulatePrincipalPolicy ${connectAction} on ${arn}`, (client, options) =>
        client.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: sourceArn, ActionNames: [connectAction], ResourceArns: [arn] }), options),
      ),
    ),
  );
  const failed = results.find((result) => !result.ok);
  if (failed && !failed.ok) return { ok: false, failure: failed.failure, evidence: results.map((result) => result.evidence) };
  const verdicts = results.map((result, index): ConnectVerdict => {
    const resource = arns[index]!;
    const entry = result.ok ? result.output.EvaluationResults?.find((item) => item.EvalActionName?.toLowerCase() === connectAction.toLowerCase()) : undefined;
    const { decision, deniedBy } = decisionOf(entry);
    return {
      action: connectAction,
      resource,
      decision,
      ...(deniedBy ? { deniedBy } : {}),
      evidence: {
        ...result.evidence,
        label: `Simulator: ${connectAction} on ${resource} → ${entry?.EvalDecision ?? 'no result'}${deniedBy ? ` (${deniedBy})` : ''}`,
      },
    };
  });
  return { ok: true, verdicts, evidence: verdicts.map((verdict) => verdict.evidence) };
}
