import type { PolicyDocument, PolicyStatement } from './document';
import { statementMatches, type RequestFacts } from './statement';

/**
 * The identity's own layers for one action, as the IAM User Guide's evaluation logic orders
 * them (reference_policies_evaluation-logic): an explicit Deny in any policy wins; then an
 * identity-based policy must allow and, when a permissions boundary is set, so must the
 * boundary. Policies the caller cannot read (SCPs, RCPs, session and VPC endpoint policies) are
 * outside this reading, and the result says what it could not see.
 */

/** The entity a policy is attached to. */
export interface PolicyHolder {
  type: 'user' | 'group' | 'role';
  name: string;
}

/** Where a policy comes from: inline on an entity, a managed policy (at a version) attached to it, or its permissions boundary. */
export type PolicyOrigin =
  | { kind: 'inline'; name: string; holder: PolicyHolder }
  | { kind: 'managed'; name: string; arn: string; versionId: string; holder: PolicyHolder }
  | { kind: 'boundary'; name: string; arn: string; versionId: string; holder: PolicyHolder };

/** A policy that was read, with its parsed document. */
export interface ReadPolicy {
  origin: PolicyOrigin;
  document: PolicyDocument;
}

/** A statement of a read policy: its Sid, or its position (1-based) when it has none. */
export interface StatementRef {
  origin: PolicyOrigin;
  sid?: string;
  index: number;
  /** The statement as read (single values as lists), to show as evidence. */
  text: string;
}

/** The reading's answer for one action. */
export type ActionReading =
  | { outcome: 'explicit-deny'; statement: StatementRef }
  | { outcome: 'no-identity-allow' }
  | { outcome: 'no-boundary-allow'; boundary: PolicyOrigin }
  | { outcome: 'allowed'; statement: StatementRef }
  /** `conditionalDenies`: Deny statements that apply only under conditions the tool cannot check. */
  | { outcome: 'undecided'; reasons: string[]; conditionalDenies: StatementRef[] };

/** Everything read for one caller: the policies, and what could not be read (each a sentence). */
export interface PolicyReadingInput {
  policies: readonly ReadPolicy[];
  /** What could not be read, in words, and which layer it belongs to. */
  unread: ReadonlyArray<{ what: string; layer: 'identity' | 'boundary' }>;
}

const statementText = (statement: PolicyStatement): string => JSON.stringify(statement);

type Found = { ref: StatementRef; unknown?: string[] };

function scan(policies: readonly ReadPolicy[], request: RequestFacts, effect: 'Allow' | 'Deny'): { definite: Found[]; conditional: Found[] } {
  const definite: Found[] = [];
  const conditional: Found[] = [];
  for (const policy of policies) {
    policy.document.Statement.forEach((statement, position) => {
      if (statement.Effect !== effect) return;
      const match = statementMatches(statement, request);
      if (match.applies === false) return;
      const ref: StatementRef = {
        origin: policy.origin,
        index: position + 1,
        text: statementText(statement),
        ...(statement.Sid ? { sid: statement.Sid } : {}),
      };
      if (match.applies === true) definite.push({ ref });
      else conditional.push({ ref, unknown: match.unknown });
    });
  }
  return { definite, conditional };
}

/** A statement in words: `statement "DenyMemoryDb" of the inline policy guardrail on user alice`. */
export function describeStatement(ref: StatementRef): string {
  return `${statementName(ref)} of ${describeOrigin(ref.origin)}`;
}

/** A statement's own name: `statement "DenyMemoryDb"`, or `statement 2` when it has no Sid. */
export function statementName(ref: StatementRef): string {
  return ref.sid ? `statement "${ref.sid}"` : `statement ${ref.index}`;
}

/** A policy in words: `the inline policy guardrail on user alice`, `the managed policy X (version v3) attached to group g`. */
export function describeOrigin(origin: PolicyOrigin): string {
  const holder = `${origin.holder.type} ${origin.holder.name}`;
  if (origin.kind === 'inline') return `the inline policy ${origin.name} on ${holder}`;
  if (origin.kind === 'managed') return `the managed policy ${origin.name} (version ${origin.versionId}) attached to ${holder}`;
  return `the permissions boundary ${origin.name} (version ${origin.versionId}) of ${holder}`;
}

const conditionalReason = (found: Found, effect: string): string =>
  `${describeStatement(found.ref)} would ${effect} it only under conditions this tool cannot check (${(found.unknown ?? []).join(', ')})`;

/** Evaluates one action on one resource across the identity's layers. */
export function readAction(input: PolicyReadingInput, request: RequestFacts): ActionReading {
  const boundary = input.policies.filter((policy) => policy.origin.kind === 'boundary');
  const identity = input.policies.filter((policy) => policy.origin.kind !== 'boundary');
  const denies = scan(input.policies, request, 'Deny');
  if (denies.definite[0]) return { outcome: 'explicit-deny', statement: denies.definite[0].ref };
  // A boundary read in full that allows nothing here decides on its own: the action is denied whatever else says.
  const boundaryAllows = scan(boundary, request, 'Allow');
  const boundaryRead = boundary[0];
  if (boundaryRead && boundaryAllows.definite.length === 0 && boundaryAllows.conditional.length === 0)
    return { outcome: 'no-boundary-allow', boundary: boundaryRead.origin };
  const allows = scan(identity, request, 'Allow');
  const identityUnread = input.unread.filter((entry) => entry.layer === 'identity');
  if (allows.definite.length === 0 && allows.conditional.length === 0 && identityUnread.length === 0) return { outcome: 'no-identity-allow' };
  const reasons = [...input.unread.map((entry) => entry.what), ...denies.conditional.map((found) => conditionalReason(found, 'deny'))];
  const allowed = allows.definite[0];
  if (!allowed) reasons.push(...allows.conditional.map((found) => conditionalReason(found, 'allow')));
  if (boundaryRead && boundaryAllows.definite.length === 0) reasons.push(...boundaryAllows.conditional.map((found) => conditionalReason(found, 'allow')));
  if (allowed && reasons.length === 0) return { outcome: 'allowed', statement: allowed.ref };
  return { outcome: 'undecided', reasons, conditionalDenies: denies.conditional.map((found) => found.ref) };
}
