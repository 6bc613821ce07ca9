/**
 * A small IAM policy evaluator: enough of the documented evaluation logic
 * (docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html) for the
 * simulator to allow, implicitly deny or explicitly deny a call the way AWS would, and to say
 * which kind of policy decided it, as AWS's AccessDenied messages do.
 */

/** One statement of a policy document; single strings and lists are both accepted, as in IAM. */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

/** An IAM policy document. */
export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

/** A policy together with the name AWS would use for it in messages and simulator output. */
export interface NamedPolicy {
  /** Managed policy ARN, or the inline policy's name. */
  id: string;
  document: PolicyDocument;
}

/** The request context: condition keys that are present, with their values as strings. */
export type RequestContext = Readonly<Record<string, string | string[] | undefined>>;

/** The kinds of policy that can decide a request, in the words AWS's messages use. */
export type PolicyKind = 'identity-based policy' | 'service control policy' | 'permissions boundary' | 'session policy';

/** The outcome of evaluating one action on one resource. */
export type Decision =
  | { decision: 'allowed'; matched: string[] }
  | { decision: 'explicitDeny'; by: PolicyKind; matched: string[] }
  | { decision: 'implicitDeny'; missingIn: PolicyKind; matched: string[] };

/** Everything that applies to a principal: identity policies plus the optional guard rails. */
export interface PolicySet {
  identity: NamedPolicy[];
  /** Organization SCPs; undefined means none apply (FullAWSAccess). */
  serviceControl?: NamedPolicy[];
  permissionsBoundary?: NamedPolicy;
  /** Session policies passed to AssumeRole / GetFederationToken. */
  session?: NamedPolicy[];
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** IAM wildcard match: `*` any run, `?` one character; actions compare case-insensitively. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, ignoreCase ? 'is' : 's').test(value);
}

/** Replaces `${aws:username}`-style policy variables from the context; unknown ones match nothing. */
function substitute(pattern: string, context: RequestContext): string {
  return pattern.replace(/\$\{([^}]+)\}/g, (_, key: string) => {
    const value = context[key];
    return typeof value === 'string' ? value : '\u0000no-such-value\u0000';
  });
}

function conditionHolds(condition: PolicyStatement['Condition'], context: RequestContext, missing: Set<string>): boolean {
  if (!condition) return true;
  for (const [rawOperator, entries] of Object.entries(condition)) {
    const ifExists = rawOperator.endsWith('IfExists');
    const operator = ifExists ? rawOperator.slice(0, -'IfExists'.length) : rawOperator;
    for (const [key, expectedRaw] of Object.entries(entries)) {
      const expected = (Array.isArray(expectedRaw) ? expectedRaw : [expectedRaw]).map((v) => String(v));
      const actualRaw = context[key];
      if (operator === 'Null') {
        const isNull = actualRaw === undefined;
        if (!expected.some((v) => (v.toLowerCase() === 'true') === isNull)) return false;
        continue;
      }
      if (actualRaw === undefined) {
        missing.add(key);
        if (ifExists) continue;
        // Negated operators match when the key is absent, per the IAM condition-operator docs.
        if (operator.includes('Not')) continue;
        return false;
      }
      const actual = Array.isArray(actualRaw) ? actualRaw : [actualRaw];
      if (!actual.some((a) => compare(operator, a, expected))) return false;
    }
  }
  return true;
}

function compare(operator: string, actual: string, expected: string[]): boolean {
  switch (operator) {
    case 'Bool':
      return expected.some((v) => v.toLowerCase() === actual.toLowerCase());
    case 'StringEquals':
    case 'ArnEquals':
      return expected.includes(actual);
    case 'StringNotEquals':
    case 'ArnNotEquals':
      return !expected.includes(actual);
    case 'StringEqualsIgnoreCase':
      return expected.some((v) => v.toLowerCase() === actual.toLowerCase());
    case 'StringLike':
    case 'ArnLike':
      return expected.some((v) => wildcardMatch(v, actual, false));
    case 'StringNotLike':
    case 'ArnNotLike':
      return !expected.some((v) => wildcardMatch(v, actual, false));
    default:
      // An operator we do not model never matches, so an Allow stays conservative.
      return false;
  }
}

function statementApplies(statement: PolicyStatement, action: string, resource: string, context: RequestContext, missing: Set<string>): boolean {
  const actionMatches =
    statement.NotAction !== undefined
      ? !asList(statement.NotAction).some((p) => wildcardMatch(p, action, true))
      : asList(statement.Action).some((p) => wildcardMatch(p, action, true));
  if (!actionMatches) return false;
  const resourceMatches =
    statement.NotResource !== undefined
      ? !asList(statement.NotResource).some((p) => wildcardMatch(substitute(p, context), resource, false))
      : asList(statement.Resource ?? '*').some((p) => wildcardMatch(substitute(p, context), resource, false));
  if (!resourceMatches) return false;
  return conditionHolds(statement.Condition, context, missing);
}

interface PolicyVerdict {
  allow: boolean;
  deny: boolean;
  matched: string[];
}

function evaluatePolicies(policies: NamedPolicy[], action: string, resource: string, context: RequestContext, missing: Set<string>): PolicyVerdict {
  const verdict: PolicyVerdict = { allow: false, deny: false, matched: [] };
  for (const policy of policies) {
    const statements = Array.isArray(policy.document.Statement) ? policy.document.Statement : [policy.document.Statement];
    for (const statement of statements) {
      if (!statementApplies(statement, action, resource, context, missing)) continue;
      verdict.matched.push(policy.id);
      if (statement.Effect === 'Deny') verdict.deny = true;
      else verdict.allow = true;
    }
  }
  return verdict;
}

/**
 * Evaluates one action on one resource. Explicit denies win in any policy kind; then every
 * guard rail that is present (SCP, boundary, session policy) must allow, and so must an
 * identity policy. `missingContext` collects condition keys the request did not carry.
 */
export function evaluate(policies: PolicySet, action: string, resource: string, context: RequestContext, missingContext = new Set<string>()): Decision {
  const layers: Array<{ kind: PolicyKind; policies: NamedPolicy[] }> = [];
  if (policies.serviceControl) layers.push({ kind: 'service control policy', policies: policies.serviceControl });
  layers.push({ kind: 'identity-based policy', policies: policies.identity });
  if (policies.permissionsBoundary) layers.push({ kind: 'permissions boundary', policies: [policies.permissionsBoundary] });
  if (policies.session) layers.push({ kind: 'session policy', policies: policies.session });
  const verdicts = layers.map((layer) => ({ kind: layer.kind, verdict: evaluatePolicies(layer.policies, action, resource, context, missingContext) }));
  const matched = verdicts.flatMap((v) => v.verdict.matched);
  const denied = verdicts.find((v) => v.verdict.deny);
  if (denied) return { decision: 'explicitDeny', by: denied.kind, matched };
  const notAllowed = verdicts.find((v) => !v.verdict.allow);
  if (notAllowed) return { decision: 'implicitDeny', missingIn: notAllowed.kind, matched };
  return { decision: 'allowed', matched };
}

/**
 * AWS's AccessDenied message for a denied decision. Format from the IAM User Guide,
 * "Access denied error messages" (docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html):
 * "User: <arn> is not authorized to perform: <action> on resource: <resource> because no
 * <kind> allows the <action> action" / "... with an explicit deny in a(n) <kind>".
 */
export function accessDeniedMessage(
  principalArn: string,
  action: string,
  resourceText: string,
  decision: Exclude<Decision, { decision: 'allowed' }>,
  // Some services leave the reason out; the `plainAccessDenied` knob answers that way.
  withoutReason = false,
): string {
  const head = `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resourceText}`;
  if (withoutReason) return head;
  if (decision.decision === 'explicitDeny') return `${head} with an explicit deny in ${article(decision.by)} ${decision.by}`;
  return `${head} because no ${decision.missingIn} allows the ${action} action`;
}

const article = (kind: PolicyKind): string => (kind === 'identity-based policy' ? 'an' : 'a');
