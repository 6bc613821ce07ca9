import { createHash } from 'node:crypto';
import type { PolicyDocument } from './policy';
import type { SsoDirectory, SsoInstance } from './sso-directory';
import type { SimWorld } from './world';

/** One person in IAM Identity Center with one permission set in one account. */
export interface SsoPersonOptions {
  startUrl: string;
  /** The instance's home region (what sso_region must say). */
  region: string;
  accountId: string;
  /** The permission set (sso_role_name). */
  roleName: string;
  /** The permission set's policy, on the role it provisions in the account. */
  policy: PolicyDocument;
  userName?: string;
}

/**
 * Builds what AWS builds for a permission set assignment: the account, the provisioned role
 * `AWSReservedSSO_<set>_<16 hex>` with the set's policy, and the instance with the assignment.
 */
export function addSsoPerson(world: SimWorld, directory: SsoDirectory, options: SsoPersonOptions): SsoInstance {
  world.addAccount(options.accountId);
  const suffix = createHash('sha256').update(`${options.accountId}/${options.roleName}`).digest('hex').slice(0, 16);
  const role = world.addRole(options.accountId, `AWSReservedSSO_${options.roleName}_${suffix}`, {
    trustedPrincipals: [],
    policies: { [options.roleName]: options.policy },
    path: '/aws-reserved/sso.amazonaws.com/',
  });
  const assignment = { accountId: options.accountId, accountName: `account-${options.accountId}`, roleName: options.roleName, iamRoleName: role.name };
  const existing = directory.instanceFor(options.startUrl);
  if (existing) {
    existing.assignments.push(assignment);
    return existing;
  }
  return directory.addInstance({ startUrl: options.startUrl, region: options.region, userName: options.userName ?? 'jane.doe', assignments: [assignment] });
}
