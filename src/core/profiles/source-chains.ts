import type { IniMap } from '../aws-files/ini-lines';

type Profile = Record<string, string>;

const isString = (value: unknown): value is string => typeof value === 'string';

// The predicates below copy @aws-sdk/credential-provider-ini's, so kinds match the SDK's choice.
/** Whether the SDK treats the profile as a role to assume (role_arn with exactly one of source_profile / credential_source). */
export function isAssumeRoleProfile(data: Profile | undefined): boolean {
  if (!data || !isString(data.role_arn)) return false;
  const withSource = isString(data.source_profile) && data.credential_source === undefined;
  const withCredentialSource = isString(data.credential_source) && data.source_profile === undefined;
  return withSource || withCredentialSource;
}
/** Whether the profile holds an access key id and secret. */
export function isStaticProfile(data: Profile | undefined): boolean {
  return Boolean(data) && isString(data!.aws_access_key_id) && isString(data!.aws_secret_access_key);
}
/** Whether the profile takes credentials from a web identity token file. */
export function isWebIdentityProfile(data: Profile | undefined): boolean {
  return Boolean(data) && isString(data!.web_identity_token_file) && isString(data!.role_arn);
}
/** Whether the profile runs a credential_process. */
export function isProcessProfile(data: Profile | undefined): boolean {
  return Boolean(data) && isString(data!.credential_process);
}
/** Whether any SSO setting is present (fromSSO claims the profile before fromIni). */
export function isSsoProfile(data: Profile | undefined): boolean {
  return Boolean(data) && ['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some((key) => isString(data![key]));
}
function isCredentialSourceWithoutRoleArn(data: Profile): boolean {
  return !data.role_arn && Boolean(data.credential_source);
}

const validCredentialSources = ['EcsContainer', 'Ec2InstanceMetadata', 'Environment'];

/** Where the chain of source profiles ends; `from` is the profile whose source_profile names the culprit. */
export type ChainOutcome =
  | { status: 'ok' }
  | { status: 'missing'; name: string; from: string }
  | { status: 'cycle'; names: string[] }
  | { status: 'invalid-credential-source'; name: string; value: string }
  | { status: 'unresolvable'; name: string; from: string | null };

/** A walked chain: the names to show (capped, `…` marks the elided middle), its real length, and the outcome. */
export interface SourceChain {
  chain: string[];
  /** How many names the full chain has (the profile itself included). */
  length: number;
  outcome: ChainOutcome;
}

/** Names shown of a long chain: the first ones, an ellipsis, and the last. */
export const maxShownChainNames = 16;
const elided = '…';

/** What a walk from a profile one hop or more down a chain (already in the SDK's visited set) leads to. */
type Tail =
  | { kind: 'end'; length: number; outcome: Exclude<ChainOutcome, { status: 'cycle' }>; lastTwo: string[] }
  | { kind: 'ring'; length: number; closing: string; last: string };

/** A hop: the profile it points at, or where the walk ends. */
type Hop = { next: string } | Tail;

function end(name: string, outcome: Exclude<ChainOutcome, { status: 'cycle' }>): Tail {
  if (outcome.status === 'missing') return { kind: 'end', length: 2, outcome, lastTwo: [name, outcome.name] };
  return { kind: 'end', length: 1, outcome, lastTwo: [name] };
}

/** The hop of a profile that takes its credentials from source_profile or credential_source. */
function sourceHop(name: string, data: Profile, profiles: IniMap): Hop {
  const source = data.source_profile;
  if (!source) {
    const value = data.credential_source ?? '';
    return end(name, validCredentialSources.includes(value) ? { status: 'ok' } : { status: 'invalid-credential-source', name, value });
  }
  if (!Object.hasOwn(profiles, source)) return end(name, { status: 'missing', name: source, from: name });
  return { next: source };
}

/** One hop of the SDK's walk for a profile past the first position (where static keys end the walk). */
function hopPastFirst(name: string, data: Profile, profiles: IniMap): Hop {
  if (isStaticProfile(data)) return end(name, { status: 'ok' });
  if (isCredentialSourceWithoutRoleArn(data) || isAssumeRoleProfile(data)) return sourceHop(name, data, profiles);
  if (isWebIdentityProfile(data) || isProcessProfile(data) || isSsoProfile(data)) return end(name, { status: 'ok' });
  return end(name, { status: 'unresolvable', name, from: null });
}

/** The tail of `name` given the tail of the profile it points at. */
function extend(name: string, next: Tail): Tail {
  if (next.kind === 'ring') return { ...next, length: next.length + 1 };
  const outcome = next.outcome.status === 'unresolvable' && next.outcome.from === null ? { ...next.outcome, from: name } : next.outcome;
  return { kind: 'end', length: next.length + 1, outcome, lastTwo: next.lastTwo.length === 2 ? next.lastTwo : [name, ...next.lastTwo] };
}

/**
 * The source_profile chains of one set of profiles, walked exactly as the SDK's
 * `resolveProfileData` does (its visited-set rule included), but each profile's tail is
 * worked out once: a walk is linear in the file however long the chains, and iterative,
 * so a chain of any depth cannot overflow the stack.
 */
export function createSourceChains(profiles: IniMap) {
  const tails = new Map<string, Tail>();
  const nexts = new Map<string, string | null>();
  const own = (name: string): Profile | undefined => (Object.hasOwn(profiles, name) ? profiles[name] : undefined);

  /** The tail of an existing profile at position ≥ 1, filling the memo for every profile it passes. */
  function tailOf(start: string): Tail {
    const stack: string[] = [];
    const onStack = new Map<string, number>();
    let current = start;
    let reached = tails.get(current);
    while (reached === undefined) {
      const index = onStack.get(current);
      if (index !== undefined) {
        // A ring: a walk entering it at any profile closes the loop there, one lap later.
        const ring = stack.slice(index);
        ring.forEach((name, position) => {
          tails.set(name, { kind: 'ring', length: ring.length, closing: name, last: ring[(position - 1 + ring.length) % ring.length]! });
        });
        stack.length = index;
        reached = tails.get(current)!;
        break;
      }
      const hop = hopPastFirst(current, own(current)!, profiles);
      if ('kind' in hop) {
        nexts.set(current, hop.kind === 'end' && hop.outcome.status === 'missing' ? hop.outcome.name : null);
        tails.set(current, hop);
        reached = hop;
        break;
      }
      nexts.set(current, hop.next);
      onStack.set(current, stack.length);
      stack.push(current);
      current = hop.next;
      reached = tails.get(current);
    }
    for (let position = stack.length - 1; position >= 0; position -= 1) {
      reached = extend(stack[position]!, reached);
      tails.set(stack[position]!, reached);
    }
    return tails.get(start)!;
  }

  /** The names of a chain, following the memo's pointers, capped with an ellipsis before the last. */
  function shownNames(first: string, next: string, length: number, last: string): string[] {
    const names = [first];
    const shown = length <= maxShownChainNames ? length : maxShownChainNames - 2;
    let current: string | null = next;
    while (names.length < shown && current !== null) {
      names.push(current);
      current = nexts.get(current) ?? null;
    }
    if (length > maxShownChainNames) names.push(elided, last);
    return names;
  }

  /** Walks a role profile's source_profile chain from its first position, as the SDK would. */
  function walk(name: string): SourceChain {
    const data = own(name);
    if (!data || !isAssumeRoleProfile(data)) {
      const ok = data && (isStaticProfile(data) || isWebIdentityProfile(data) || isProcessProfile(data) || isSsoProfile(data));
      return { chain: [name], length: 1, outcome: ok ? { status: 'ok' } : { status: 'unresolvable', name, from: null } };
    }
    const first = sourceHop(name, data, profiles);
    if ('kind' in first)
      return first.kind === 'end'
        ? { chain: first.lastTwo, length: first.length, outcome: first.outcome }
        : { chain: [name], length: 1, outcome: { status: 'ok' } };
    const tail = extend(name, tailOf(first.next));
    if (tail.kind === 'ring') {
      const chain = shownNames(name, first.next, tail.length, tail.last);
      return { chain, length: tail.length, outcome: { status: 'cycle', names: [...chain, tail.closing] } };
    }
    return { chain: shownNames(name, first.next, tail.length, tail.lastTwo.at(-1)!), length: tail.length, outcome: tail.outcome };
  }

  return { walk };
}

/** The memoized chains of one profile set. */
export type SourceChains = ReturnType<typeof createSourceChains>;
