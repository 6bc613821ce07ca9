import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/run-cli';

function captureIo(stdin: string | null = null): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text) => void (out += text), isTTY: false },
    stderr: { write: (text) => void (err += text), isTTY: false },
    host: { env: {}, homeDir: '/nonexistent', platform: 'linux', appDataDir: '/nonexistent/app', now: () => new Date() },
    signal: new AbortController().signal,
    stopSignal: new Promise(() => undefined),
    cwd: '/',
    readStdin: async () => stdin,
    out: () => out,
    err: () => err,
  };
}

describe('mdb-doctor explain', () => {
  it('names the causes of an error given as an argument, most likely first, and what to run', async () => {
    const io = captureIo();
    const code = await runCli(['explain', 'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation'], io);
    expect(code).toBe(0);
    const lines = io.out().split('\n');
    expect(lines[0]).toMatch(/^SignatureDoesNotMatch: AWS knows the access key id/);
    const first = lines.findIndex((line) => line.startsWith('  1. '));
    expect(lines[first]).toContain('[credentials.secret-mismatch]');
    expect(lines[first + 1]).toContain('[credentials.clock-skew]');
    expect(io.out()).toContain('Run it: mdb-doctor diagnose --profile <profile>');
  });

  it('reads a whole pasted log from standard input with -', async () => {
    const log = ['$ valkey-cli --tls -h orders.example --user app', 'AUTH failed: WRONGPASS invalid username-password pair or user is disabled.', ''].join(
      '\n',
    );
    const io = captureIo(log);
    expect(await runCli(['explain', '-'], io)).toBe(0);
    expect(io.out()).toContain('WRONGPASS');
    expect(io.out()).toContain('--cluster <cluster> --user <user>');
  });

  it('prints one JSON object with --json', async () => {
    const io = captureIo();
    expect(await runCli(['explain', '--json', 'ExpiredTokenException: The security token included in the request is expired'], io)).toBe(0);
    const parsed = JSON.parse(io.out()) as { recognised: { name: string }[]; causes: { id: string }[]; needsCluster: boolean };
    expect(parsed.recognised.map((error) => error.name)).toEqual(['ExpiredToken']);
    expect(parsed.causes[0]?.id).toBe('credentials.expired');
    expect(parsed.needsCluster).toBe(false);
  });

  it('says plainly when the text is not a credentials error it knows, and still exits 0', async () => {
    const io = captureIo();
    expect(await runCli(['explain', 'ECONNREFUSED 127.0.0.1:6379'], io)).toBe(0);
    expect(io.out()).toContain('This is not a credentials error we know.');
    expect(io.out()).toContain('mdb-doctor diagnose');
  });

  it('asks for the text when none is given (exit 2)', async () => {
    const io = captureIo(null);
    expect(await runCli(['explain'], io)).toBe(2);
    expect(io.err()).toContain('Give the error text');
  });
});
