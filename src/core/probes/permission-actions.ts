import type { TargetFact } from '../diagnosis/facts';

/** Control-plane actions every MemoryDB user needs (PRODUCT §4 step 4). */
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

/**
 * What a denial message names as the policy type that denied it (the wording of AWS's
 * "not authorized" messages since 2021: "…with an explicit deny in a service control
 * policy", "…because no identity-based policy allows…").
 */
export function readDenial(message: string): { decision: 'explicitDeny' | 'implicitDeny'; deniedBy?: string } {
  const policyType = /(service control policy|resource control policy|permissions boundary|session policy|identity-based policy|resource-based policy)/i
    .exec(message)?.[1]
    ?.toLowerCase();
  if (/explicit deny/i.test(message)) return { decision: 'explicitDeny', deniedBy: policyType };
  return { decision: 'implicitDeny', deniedBy: policyType };
}
