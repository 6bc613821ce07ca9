import type { PolicyStatement } from './document';

/**
 * One statement against one request, written from the IAM User Guide (reference_policies_elements_*,
 * reference_policies_condition-keys, reference_policies_variables), independently of the
 * simulator's evaluator. Only what this tool knows for sure about the request is used: a condition
 * on any other key makes the statement "conditional", reported as such, never guessed.
 */

/** What is known about the request: action, resource, and the condition keys whose values are certain. */
export interface RequestFacts {
  action: string;
  resource: string;
  /** Known condition keys (any case) and their values. */
  context: Readonly<Record<string, string>>;
}

/** The condition keys whose values the tool knows for sure when it reads a refused call. */
export const knownConditionKeys = [
  'aws:username',
  'aws:PrincipalArn',
  'aws:PrincipalAccount',
  'aws:RequestedRegion',
  'aws:SecureTransport',
  'aws:PrincipalType',
] as const;

/** Whether a statement applies: yes, no, or only under conditions the tool cannot evaluate (which it names). */
export type StatementMatch = { applies: true } | { applies: false } | { applies: 'conditional'; unknown: string[] };

/** The regular-expression source of an IAM wildcard pattern: `*` any run, `?` one character, the rest literal. */
function wildcardSource(pattern: string): string {
  return pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
}

/** IAM wildcard match: `*` any run, `?` one character. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  return new RegExp(`^${wildcardSource(pattern)}$`, ignoreCase ? 'is' : 's').test(value);
}

const lookup = (context: RequestFacts['context'], key: string): string | undefined => {
  const wanted = key.toLowerCase();
  return Object.entries(context).find(([name]) => name.toLowerCase() === wanted)?.[1];
};

/**
 * Replaces `${aws:username}`-style variables (and the `${*}`, `${?}`, `${$}` literals). A variable
 * the tool does not know for sure is returned in `unknown` rather than guessed.
 */
function substitute(text: string, context: RequestFacts['context']): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const out = text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    if (inner === '*' || inner === '?' || inner === '$') return `\uE000${inner}\uE000`;
    const key = inner.split(',')[0]!.trim();
    const value = lookup(context, key);
    if (value === undefined) unknown.push(key);
    return value ?? whole;
  });
  return { text: out, unknown };
}

/** A wildcard match after substitution; the escaped literals `${*}` and `${?}` stay literal. */
function patternMatches(pattern: string, value: string, context: RequestFacts['context'], ignoreCase: boolean): boolean | { unknown: string[] } {
  const { text, unknown } = substitute(pattern, context);
  if (unknown.length > 0) return { unknown };
  const parts = text.split(/\uE000([*?$])\uE000/);
  // Odd parts are literals; even parts are wildcard patterns.
  const source = parts.map((part, index) => (index % 2 === 1 ? part.replace(/[$*?]/g, '\\$&') : wildcardSource(part))).join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

/** Whether any pattern of a list matches; conditional when one cannot be resolved and none matched. */
function anyMatches(patterns: readonly string[], value: string, context: RequestFacts['context'], ignoreCase: boolean): StatementMatch {
  const unknown: string[] = [];
  for (const pattern of patterns) {
    const result = patternMatches(pattern, value, context, ignoreCase);
    if (result === true) return { applies: true };
    if (typeof result === 'object') unknown.push(...result.unknown);
  }
  return unknown.length > 0 ? { applies: 'conditional', unknown } : { applies: false };
}

const negate = (match: StatementMatch): StatementMatch => (match.applies === 'conditional' ? match : { applies: !match.applies });

const stringOperators: Record<string, (actual: string, expected: string) => boolean> = {
  StringEquals: (a, e) => a === e,
  StringEqualsIgnoreCase: (a, e) => a.toLowerCase() === e.toLowerCase(),
  StringLike: (a, e) => wildcardMatch(e, a, false),
  ArnEquals: (a, e) => wildcardMatch(e, a, false),
  ArnLike: (a, e) => wildcardMatch(e, a, false),
  Bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
};

const negatedOperators: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

/** One operator on one key: true, false, or unknown (the operator or key is one the tool does not evaluate). */
function conditionHolds(rawOperator: string, key: string, expectedRaw: readonly string[], context: RequestFacts['context']): boolean | 'unknown' {
  if (rawOperator.includes(':')) return 'unknown'; // ForAnyValue: / ForAllValues: set operators
  const ifExists = rawOperator.endsWith('IfExists');
  const operator = ifExists ? rawOperator.slice(0, -'IfExists'.length) : rawOperator;
  if (!knownConditionKeys.some((known) => known.toLowerCase() === key.toLowerCase())) return 'unknown';
  const actual = lookup(context, key);
  if (operator === 'Null') return expectedRaw.some((value) => (value.toLowerCase() === 'true') === (actual === undefined));
  const expected: string[] = [];
  for (const value of expectedRaw) {
    const resolved = substitute(value, context);
    if (resolved.unknown.length > 0) return 'unknown';
    expected.push(resolved.text.replace(/\uE000([*?$])\uE000/g, '$1'));
  }
  // A known key without a value (aws:username for a role): IfExists and negated operators hold, the rest do not.
  if (actual === undefined) return ifExists || operator in negatedOperators;
  const positive = negatedOperators[operator] ?? operator;
  const test = stringOperators[positive];
  if (!test) return 'unknown';
  const matched = expected.some((value) => test(actual, value));
  return operator in negatedOperators ? !matched : matched;
}

function conditionMatch(condition: PolicyStatement['Condition'], context: RequestFacts['context']): StatementMatch {
  if (!condition) return { applies: true };
  const unknown: string[] = [];
  for (const [operator, entries] of Object.entries(condition)) {
    for (const [key, values] of Object.entries(entries)) {
      const holds = conditionHolds(operator, key, values, context);
      if (holds === false) return { applies: false };
      if (holds === 'unknown') unknown.push(`${operator} ${key}`);
    }
  }
  return unknown.length > 0 ? { applies: 'conditional', unknown } : { applies: true };
}

/** Whether `statement` applies to the request (its Effect is the caller's business). */
export function statementMatches(statement: PolicyStatement, request: RequestFacts): StatementMatch {
  const action =
    statement.NotAction !== undefined
      ? negate(anyMatches(statement.NotAction, request.action, {}, true))
      : anyMatches(statement.Action ?? [], request.action, {}, true);
  if (action.applies === false) return action;
  const resource =
    statement.NotResource !== undefined
      ? negate(anyMatches(statement.NotResource, request.resource, request.context, false))
      : anyMatches(statement.Resource ?? ['*'], request.resource, request.context, false);
  if (resource.applies === false) return resource;
  const condition = conditionMatch(statement.Condition, request.context);
  if (condition.applies === false) return condition;
  const unknown = [action, resource, condition].flatMap((match) => (match.applies === 'conditional' ? match.unknown : []));
  return unknown.length > 0 ? { applies: 'conditional', unknown: [...new Set(unknown)] } : { applies: true };
}
