import type { TargetFact } from '../diagnosis/facts';

/** Control-plane actions every MemoryDB user needs (docs/diagnosis.md step 4). */
export const controlPlaneActions = ['memorydb:DescribeClusters', 'memorydb:ListTags'] as const;

/** Actions for data-plane (cluster sign-in) work. */
export const dataPlaneActions = ['memorydb:DescribeUsers', 'memorydb:DescribeACLs', 'memorydb:Connect'] as const;

/** Every action the permissions step asks about. */
export const checkedActions: readonly string[] = [...controlPlaneActions, ...dataPlaneActions];

/**
 * The actions whose denial this step names as a cause: the control plane always, users and
 * ACLs when a cluster or user is named. memorydb:Connect is reported but left to the
 * cluster sign-in step, which knows whether the user signs in with IAM at all.
 */
export function requiredActions(target: TargetFact): readonly string[] {
  return target.user || target.cluster
    ? ['memorydb:DescribeClusters', 'memorydb:ListTags', 'memorydb:DescribeUsers', 'memorydb:DescribeACLs']
    : controlPlaneActions;
}

/** Every policy type AWS's access-denied messages name (IAM User Guide, troubleshoot_access-denied). */
const policyTypes =
  /(service control polic(?:y|ies)|resource control polic(?:y|ies)|permissions boundar(?:y|ies)|session polic(?:y|ies)|identity-based polic(?:y|ies)|resource-based polic(?:y|ies)|VPC endpoint polic(?:y|ies))/i;

/**
 * What a denial message says about the deny. AWS's detailed format ends "…with an explicit
 * deny in a(n) <policy type>" or "…because no <policy type> allows the <action> action", naming one
 * of: identity-based, resource-based, service control, resource control, permissions boundary,
 * session, VPC endpoint policy. "Some AWS services do not support this access denied error message
 * format" (IAM User Guide), so a message with neither wording proves nothing: the kind is unknown.
 */
export function readDenial(message: string): { decision: 'explicitDeny' | 'implicitDeny' | 'denied'; deniedBy?: string } {
  const policyType = policyTypes.exec(message)?.[1]?.toLowerCase();
  if (/explicit deny/i.test(message)) return { decision: 'explicitDeny', deniedBy: policyType };
  if (/because no .+ allows? /i.test(message)) return { decision: 'implicitDeny', deniedBy: policyType };
  return { decision: 'denied', deniedBy: policyType };
}
