import type { PolicySet, RequestContext } from './policy';
import type { Caller, SimAccount, SimIamUser, SimRole, SimWorld } from './world';

/** The ARN AWS prints for the caller (GetCallerIdentity, AccessDenied messages). */
export function callerArn(caller: Caller): string {
  if (caller.kind === 'assumed-role') {
    const principal = caller.session.principal;
    const sessionName = principal.kind === 'assumed-role' ? principal.sessionName : '';
    return `arn:aws:sts::${caller.account.id}:assumed-role/${caller.role.name}/${sessionName}`;
  }
  return caller.user.arn;
}

/** The UserId GetCallerIdentity returns: AIDA… for users, AROA…:session for role sessions. */
export function callerUserId(caller: Caller): string {
  if (caller.kind === 'assumed-role') {
    const principal = caller.session.principal;
    return `${caller.role.roleId}:${principal.kind === 'assumed-role' ? principal.sessionName : ''}`;
  }
  return caller.user.userId;
}

/** Every policy that applies to a user or role of `account`: identity, SCPs, permissions boundary. */
export function entityPolicies(world: SimWorld, entity: SimIamUser | SimRole, account: SimAccount): PolicySet {
  const boundaryArn = 'permissionsBoundaryArn' in entity ? entity.permissionsBoundaryArn : undefined;
  const boundary = boundaryArn ? world.managedPolicies.get(boundaryArn) : undefined;
  return {
    identity: world.identityPolicies(entity),
    ...(account.serviceControlPolicies ? { serviceControl: account.serviceControlPolicies } : {}),
    ...(boundary && boundaryArn ? { permissionsBoundary: { id: boundaryArn, document: boundary } } : {}),
  };
}

/** Every policy that applies to the caller. */
export function callerPolicies(world: SimWorld, caller: Caller): PolicySet {
  return entityPolicies(world, caller.kind === 'assumed-role' ? caller.role : caller.user, caller.account);
}

/**
 * The global condition keys AWS puts in the request context. `aws:MultiFactorAuthPresent` is
 * absent for long-term keys and present (true/false) for temporary credentials, as the IAM
 * reference for global condition keys documents.
 */
export function callerContext(caller: Caller, region: string, now: Date): RequestContext {
  const context: Record<string, string> = {
    'aws:PrincipalAccount': caller.account.id,
    'aws:PrincipalArn': caller.kind === 'assumed-role' ? caller.role.arn : caller.user.arn,
    'aws:RequestedRegion': region,
    'aws:CurrentTime': now.toISOString(),
    'aws:SecureTransport': 'true',
  };
  if (caller.kind === 'user') {
    context['aws:username'] = caller.user.name;
    context['aws:userid'] = caller.user.userId;
    context['aws:PrincipalType'] = 'User';
  } else {
    context['aws:userid'] = callerUserId(caller);
    context['aws:PrincipalType'] = 'AssumedRole';
  }
  if (caller.session) context['aws:MultiFactorAuthPresent'] = caller.session.mfaAuthenticated ? 'true' : 'false';
  return context;
}
