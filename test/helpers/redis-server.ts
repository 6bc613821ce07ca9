import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { freePort } from './free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's redis-server, which .ci/run installs. */
export const redisServerPath = '/usr/bin/redis-server';

/** A user line of the server's ACL, in redis.conf syntax without the leading `user`. */
export interface RedisAclUser {
  name: string;
  /** e.g. `on >password ~* &* +@all` */
  rules: string;
}

/** A redis-server started for one test file, on 127.0.0.1 only. */
export interface RunningRedis {
  host: '127.0.0.1';
  /** Plain TCP port. */
  port: number;
  /** TLS port, certificate signed by `ca`. */
  tlsPort: number;
  /** The throwaway self-signed certificate (PEM), to trust in the client. */
  ca: string;
  stop(): Promise<void>;
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPorts(child: ChildProcess, ports: number[], log: () => string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${log()}`);
    if ((await Promise.all(ports.map(listening))).every(Boolean)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not listen on ${ports.join(', ')} within ${ms} ms: ${log()}`);
}

/**
 * Starts redis-server with a plain and a TLS port on free 127.0.0.1 ports, a certificate
 * made for the occasion with openssl (CN localhost, SAN 127.0.0.1), no persistence, and
 * the given ACL users; `default` is off unless listed, so an unauthenticated command gets
 * NOAUTH as on a MemoryDB cluster whose ACL holds only named users.
 */
export async function startRedisServer(users: readonly RedisAclUser[]): Promise<RunningRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'mdb-redis-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  await run(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { timeout: 20_000 },
  );
  const [port, tlsPort] = [await freePort(), await freePort()];
  const acl = users.some((user) => user.name === 'default') ? users : [{ name: 'default', rules: 'off' }, ...users];
  const config = [
    'bind 127.0.0.1',
    `port ${port}`,
    `tls-port ${tlsPort}`,
    `tls-cert-file ${cert}`,
    `tls-key-file ${key}`,
    `tls-ca-cert-file ${cert}`,
    'tls-auth-clients no',
    'save ""',
    'appendonly no',
    `dir ${dir}`,
    'daemonize no',
    ...acl.map((user) => `user ${user.name} ${user.rules}`),
  ].join('\n');
  await writeFile(join(dir, 'redis.conf'), `${config}\n`, { mode: 0o600 });
  const child = spawn(redisServerPath, [join(dir, 'redis.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(forced);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForPorts(child, [port, tlsPort], () => output, 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host: '127.0.0.1', port, tlsPort, ca: await readFile(cert, 'utf8'), stop };
}
