import { connect as connectTcp, isIP } from 'node:net';
import { createClient } from 'redis';
import type { SignInOutcome, SignInStage, SignInTestResult } from '../../shared/model/cluster';

/** One live sign-in attempt. The secret is used for `AUTH` only and never returned, logged or kept. */
export interface SignInAttempt {
  host: string;
  port: number;
  tls: boolean;
  /** The certificate name to expect when `host` is a tunnel (127.0.0.1); defaults to `host`. */
  serverName?: string;
  /** Extra trusted CA certificates (PEM), for test servers; AWS's public CAs are trusted already. */
  ca?: string;
  user: string;
  /** The password or IAM token; null sends no `AUTH` (as a client that forgot to sign in). */
  secret: string | null;
  /** The whole attempt's time limit, in ms. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** What MemoryDB endpoints are and are not reachable from, said on every network failure. */
export const vpcHint =
  'MemoryDB endpoints live inside a VPC: they answer only from that VPC (an EC2 host, a VPN, a bastion or an SSH tunnel such as `ssh -L 6379:<endpoint>:6379 bastion`), and the security group must allow the port.';

class Deadline extends Error {
  constructor(readonly stage: SignInStage['stage']) {
    super(`no answer in time during ${stage}`);
  }
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  name?: unknown;
}

function describe(error: unknown): { code: string; message: string } {
  const like = (error !== null && typeof error === 'object' ? error : { message: String(error) }) as ErrorLike;
  return { code: typeof like.code === 'string' ? like.code : '', message: typeof like.message === 'string' ? like.message : String(error) };
}

/** Replaces every echo of the secret (a server may quote a command's arguments back) with asterisks. */
export function scrubSecret(text: string, secret: string | null): string {
  return secret ? text.split(secret).join('***') : text;
}

function tcpReachable(host: string, port: number, ms: number): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port });
    const done = (result: { ok: true } | { ok: false; code: string; message: string }) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ ok: false, code: 'ETIMEDOUT', message: `no TCP answer within ${ms} ms` }), ms);
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (error) => done({ ok: false, ...describe(error) }));
  });
}

const certificateCodes =
  /^(ERR_TLS_CERT_ALTNAME_INVALID|CERT_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED)/;

/** SNI carries names only (RFC 6066); for an IP address Node checks the certificate's IP entries itself. */
function serverNameOf(attempt: SignInAttempt): { servername?: string } {
  const name = attempt.serverName ?? attempt.host;
  return isIP(name) ? {} : { servername: name };
}

/** What a reply or error at the AUTH or command stage means, keyed on the reply's first word (docs/aws-behaviour.md §2.3). */
function outcomeOfReply(reply: string): SignInOutcome | null {
  if (reply.startsWith('WRONGPASS')) return 'wrong-password';
  if (reply.startsWith('NOAUTH')) return 'no-auth';
  if (reply.startsWith('NOPERM')) return 'no-permission';
  return null;
}

function hintsFor(outcome: SignInOutcome, attempt: SignInAttempt): string[] {
  switch (outcome) {
    case 'signed-in':
      return [];
    case 'wrong-password':
      return [
        'WRONGPASS means one of: the password (or token) is wrong, the user does not exist or is not in the cluster’s ACL, or its access string is off. The diagnosis’s cluster step tells which.',
        'For an IAM user: the token must be fresh (15 minutes), signed for this cluster name, user and region with service memorydb, and the caller needs memorydb:Connect on the cluster and the user.',
      ];
    case 'no-auth':
      return ['The cluster requires sign-in: send AUTH with the user name and its password (or IAM token) before any command.'];
    case 'no-permission':
      return [
        'Signed in, but the user’s access string does not allow the command. Widen it with `aws memorydb update-user --user-name ' +
          attempt.user +
          ' --access-string "on ~* &* +@all"` or a narrower grant.',
      ];
    case 'tls-handshake-failed':
      return [
        'The port accepted TCP but no TLS handshake completed: the endpoint may not use TLS, or a proxy is in the way. MemoryDB clusters with TLS on accept only TLS.',
      ];
    case 'tls-certificate':
      return [
        `The certificate does not match ${attempt.serverName ?? attempt.host}. Through a tunnel (127.0.0.1), give the cluster endpoint as the server name so TLS checks the right name.`,
      ];
    case 'tls-required':
      return [
        'The server closed the plain-TCP connection: the cluster requires TLS (TLS is on by default for MemoryDB and required for ACL users). Turn TLS on in the client.',
      ];
    case 'timeout':
    case 'unreachable':
      return [vpcHint];
    case 'error':
      return [];
  }
}

function verdictFor(outcome: SignInOutcome, attempt: SignInAttempt, reply: string | null): string {
  const where = `${attempt.host}:${attempt.port}`;
  switch (outcome) {
    case 'signed-in':
      return `Signed in to ${where} as ${attempt.user}${attempt.tls ? ' over TLS' : ''}; PING answered.`;
    case 'wrong-password':
      return `${where} refused ${attempt.user}: ${reply ?? 'WRONGPASS'}`;
    case 'no-auth':
      return `${where} requires sign-in: ${reply ?? 'NOAUTH'}`;
    case 'no-permission':
      return `Signed in as ${attempt.user}, but the user may not run PING: ${reply ?? 'NOPERM'}`;
    case 'tls-handshake-failed':
      return `TCP to ${where} works, but the TLS handshake failed${reply ? `: ${reply}` : ''}.`;
    case 'tls-certificate':
      return `TLS to ${where} failed on the certificate: ${reply ?? ''}`;
    case 'tls-required':
      return `${where} dropped the plain-TCP connection before answering: it expects TLS.`;
    case 'timeout':
      return `No answer from ${where} in time${reply ? ` (${reply})` : ''}.`;
    case 'unreachable':
      return `Cannot reach ${where}${reply ? `: ${reply}` : ''}.`;
    case 'error':
      return `The sign-in test failed: ${reply ?? 'unknown error'}`;
  }
}

/**
 * Tries a live sign-in: TCP, then TLS (when asked), `AUTH user secret`, and `PING`, each
 * stage bounded by the attempt's deadline, and maps the first failure to an outcome.
 * Uses node-redis with its own handshake off (no HELLO, no CLIENT SETINFO) so the only
 * commands sent are the ones reported here.
 */
export async function testSignIn(attempt: SignInAttempt): Promise<SignInTestResult> {
  const started = performance.now();
  const deadline = started + attempt.timeoutMs;
  const left = () => Math.max(1, Math.round(deadline - performance.now()));
  const stages: SignInStage[] = [];
  const finish = (outcome: SignInOutcome, rawReply: string | null): SignInTestResult => {
    const reply = rawReply === null ? null : scrubSecret(rawReply, attempt.secret).trim();
    return {
      outcome,
      verdict: verdictFor(outcome, attempt, reply),
      hints: hintsFor(outcome, attempt),
      stages,
      serverReply: reply,
      durationMs: performance.now() - started,
    };
  };

  const tcp = await tcpReachable(attempt.host, attempt.port, left());
  if (!tcp.ok) {
    stages.push({ stage: 'connect', status: 'fail', detail: `${tcp.code}: ${tcp.message}` });
    return finish(tcp.code === 'ETIMEDOUT' ? 'timeout' : 'unreachable', `${tcp.code} ${tcp.message}`);
  }
  stages.push({ stage: 'connect', status: 'pass', detail: `TCP connection to ${attempt.host}:${attempt.port} opened.` });

  const client = createClient({
    RESP: 2,
    disableClientInfo: true,
    socket: {
      host: attempt.host,
      port: attempt.port,
      connectTimeout: left(),
      reconnectStrategy: false,
      ...(attempt.tls ? { tls: true as const, ...serverNameOf(attempt), ...(attempt.ca ? { ca: attempt.ca } : {}) } : {}),
    },
  });
  // Without a listener node-redis rethrows socket errors as uncaught; the awaited calls below report them.
  client.on('error', () => undefined);
  let stage: SignInStage['stage'] = attempt.tls ? 'tls' : 'connect';
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => client.destroy();
  attempt.signal?.addEventListener('abort', onAbort, { once: true });
  const bounded = <T>(work: Promise<T>): Promise<T> =>
    Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Deadline(stage)), left())))]).finally(() => clearTimeout(timer));
  try {
    await bounded(client.connect());
    if (attempt.tls) stages.push({ stage: 'tls', status: 'pass', detail: `TLS handshake done; certificate valid for ${attempt.serverName ?? attempt.host}.` });
    stage = 'auth';
    if (attempt.secret === null) {
      stages.push({ stage: 'auth', status: 'skipped', detail: 'No AUTH sent.' });
    } else {
      await bounded(client.sendCommand(['AUTH', attempt.user, attempt.secret]));
      stages.push({ stage: 'auth', status: 'pass', detail: `AUTH ${attempt.user} accepted.` });
    }
    stage = 'command';
    const pong = await bounded(client.sendCommand(['PING']));
    stages.push({ stage: 'command', status: 'pass', detail: `PING answered ${String(pong)}.` });
    return finish('signed-in', null);
  } catch (error) {
    const { code, message } = describe(error);
    const reply = scrubSecret(code ? `${code}: ${message}` : message, attempt.secret);
    stages.push({ stage, status: 'fail', detail: reply });
    if (attempt.signal?.aborted) return finish('error', 'cancelled');
    const fromReply = outcomeOfReply(message);
    if (fromReply) return finish(fromReply, message);
    if (stage === 'tls') {
      if (certificateCodes.test(code)) return finish('tls-certificate', message);
      // TCP is open (checked above), so a connect that never completes is a handshake that never finished.
      return finish('tls-handshake-failed', error instanceof Deadline || /timeout/i.test(message) ? 'no TLS handshake answer' : reply);
    }
    if (!attempt.tls && (code === 'ECONNRESET' || code === 'EPIPE' || /socket closed/i.test(message))) return finish('tls-required', reply);
    if (error instanceof Deadline) return finish('timeout', `no answer to ${stage === 'auth' ? 'AUTH' : 'PING'}`);
    return finish('error', message);
  } finally {
    attempt.signal?.removeEventListener('abort', onAbort);
    if (client.isOpen) client.destroy();
  }
}
