import { formatAmzDate, parseAmzDate, verifySignature, type ParsedSignature, type ReceivedRequest } from './sigv4';
import { SimError } from './wire';
import { EXPIRED_SESSION_MEMORY_MS, OPT_IN_REGIONS, type Caller, type SimAccount, type SimWorld } from './world';

/**
 * Authentication as AWS answers it, per protocol family. Query services (STS, IAM) and JSON
 * services (MemoryDB, Account) name the same faults differently (docs/aws-behaviour.md §1.3):
 * InvalidClientTokenId / UnrecognizedClientException, SignatureDoesNotMatch /
 * InvalidSignatureException, ExpiredToken / ExpiredTokenException.
 */

/** Which family of auth error names and statuses a service uses. */
export type AuthDialect = 'query' | 'json' | 'rest-json';

const INVALID_TOKEN = 'The security token included in the request is invalid.';
const BAD_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const EXPIRED_TOKEN = 'The security token included in the request is expired';

/** The auth faults, as each dialect spells them. Statuses: docs/aws-behaviour.md §1.3 (see tests for sources). */
export function authError(
  dialect: AuthDialect,
  fault: 'unknown-key' | 'bad-signature' | 'expired-token' | 'missing' | 'incomplete' | 'skew',
  message?: string,
): SimError {
  const jsonStatus = dialect === 'rest-json' ? 403 : 400;
  const query = dialect === 'query';
  switch (fault) {
    case 'unknown-key':
      return query ? new SimError('InvalidClientTokenId', 403, INVALID_TOKEN) : new SimError('UnrecognizedClientException', jsonStatus, INVALID_TOKEN);
    case 'bad-signature':
      return query ? new SimError('SignatureDoesNotMatch', 403, BAD_SIGNATURE) : new SimError('InvalidSignatureException', jsonStatus, BAD_SIGNATURE);
    case 'skew':
      return query
        ? new SimError('SignatureDoesNotMatch', 403, message ?? BAD_SIGNATURE)
        : new SimError('InvalidSignatureException', jsonStatus, message ?? BAD_SIGNATURE);
    case 'expired-token':
      return query ? new SimError('ExpiredToken', 403, EXPIRED_TOKEN) : new SimError('ExpiredTokenException', jsonStatus, EXPIRED_TOKEN);
    case 'missing':
      return query
        ? new SimError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token')
        : new SimError('MissingAuthenticationTokenException', dialect === 'rest-json' ? 403 : 400, 'Missing Authentication Token');
    case 'incomplete':
      return new SimError(query ? 'IncompleteSignature' : 'IncompleteSignatureException', 400, message ?? 'Incomplete signature');
  }
}

/** The outcome of identifying the signer before the signature is checked. */
interface Identified {
  caller: Caller;
  secret: string;
  account: SimAccount;
}

function identify(world: SimWorld, accessKeyId: string, sessionToken: string | undefined, trueNow: number): Identified | 'unknown' | 'stray-token' {
  const key = world.findKey(accessKeyId);
  if (key) {
    // AWS answers an inactive or not-yet-propagated key exactly like a key it never saw.
    if (key.status !== 'Active' || trueNow < key.usableFrom) return 'unknown';
    // A long-term key sent with a leftover session token is refused as an expired token, not an
    // unknown key (docs/aws-behaviour.md §7: aws/aws-cli#7870, bustle/aws-sudo#11).
    if (sessionToken !== undefined) return 'stray-token';
    const user = world.findUser(key.accountId, key.userName);
    if (!user) return 'unknown';
    const account = world.account(key.accountId);
    return { caller: { kind: 'user', account, user, key }, secret: key.secretAccessKey, account };
  }
  const session = world.sessions.get(accessKeyId);
  if (!session || session.sessionToken !== sessionToken) return 'unknown';
  // Long-expired tokens are no longer known at all (docs/aws-behaviour.md §7: jrl84/amazon-sp-api#57).
  if (session.expiration.getTime() + EXPIRED_SESSION_MEMORY_MS < trueNow) return 'unknown';
  // Deactivating or deleting the key that requested a session does not end it: temporary
  // credentials live until they expire (IAM User Guide, id_credentials_temp_control-access_disable-perms).
  const account = world.account(session.accountId);
  if (session.principal.kind === 'user') {
    const user = world.findUser(session.accountId, session.principal.userName);
    if (!user) return 'unknown';
    return { caller: { kind: 'user', account, user, session }, secret: session.secretAccessKey, account };
  }
  const roleName = session.principal.roleName;
  const role = world.roles.find((r) => r.accountId === session.accountId && r.name === roleName);
  if (!role) return 'unknown';
  return { caller: { kind: 'assumed-role', account, role, session }, secret: session.secretAccessKey, account };
}

/** What authentication needs from the simulator. */
export interface AuthInput {
  world: SimWorld;
  dialect: AuthDialect;
  request: ReceivedRequest;
  parsed: ParsedSignature;
  /** The region whose enablement is checked (the signed region for regional services). */
  region: string;
  trueNow: number;
  /** Server clock for an account: true time plus global and account offsets. */
  serverClock: (account: SimAccount | undefined) => Date;
  /** Allowed distance between the request's date and the server clock, in minutes. */
  skewWindowMinutes: number;
}

/** Authenticates a request; resolves to the caller or throws the AWS error for the fault. */
export async function authenticate(input: AuthInput): Promise<Caller> {
  const { world, dialect, parsed } = input;
  const identified = identify(world, parsed.accessKeyId, parsed.sessionToken, input.trueNow);
  if (identified === 'unknown') throw authError(dialect, 'unknown-key');
  if (identified === 'stray-token') throw authError(dialect, 'expired-token');
  // A disabled opt-in region does not know the account's keys at all (docs/aws-behaviour.md §3.2).
  if (!world.regionEnabled(identified.account.id, input.region)) throw authError(dialect, 'unknown-key');
  // A v1 token from the global STS endpoint is refused in every opt-in region, even an enabled one (docs/aws-behaviour.md §7).
  if (identified.caller.session?.globalEndpointV1Token && OPT_IN_REGIONS.includes(input.region)) throw authError(dialect, 'unknown-key');
  const serverNow = input.serverClock(identified.account);
  const skew = checkSkew(parsed.amzDate, serverNow, input.skewWindowMinutes);
  if (skew) throw authError(dialect, 'skew', skew);
  if (!(await verifySignature(input.request, parsed, identified.secret))) throw authError(dialect, 'bad-signature');
  if (identified.caller.session && identified.caller.session.expiration.getTime() <= serverNow.getTime()) throw authError(dialect, 'expired-token');
  return identified.caller;
}

/**
 * The "Signature expired" / "Signature not yet current" texts (docs/aws-behaviour.md §1.3:
 * aws/aws-sdk-js#2598, #1652, aws/aws-cli#135), or null when the date is within the window.
 */
export function checkSkew(amzDate: string, serverNow: Date, windowMinutes: number): string | null {
  const requestTime = parseAmzDate(amzDate).getTime();
  const windowMs = windowMinutes * 60_000;
  const now = formatAmzDate(serverNow);
  if (requestTime < serverNow.getTime() - windowMs) {
    return `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(new Date(serverNow.getTime() - windowMs))} (${now} - ${windowMinutes} min.)`;
  }
  if (requestTime > serverNow.getTime() + windowMs) {
    return `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(new Date(serverNow.getTime() + windowMs))} (${now} + ${windowMinutes} min.)`;
  }
  return null;
}
