import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/core/diagnosis/diagnose';
import { defaultProbes } from '../../../src/core/probes';
import { runCli } from '../../../src/cli/run-cli';
import type { HostEnvironment } from '../../../src/core/host';
import { captureIo } from '../../helpers/capture-io';
import { startTestProxy, type TestProxy } from '../../helpers/http-proxy';
import { startPresetSim, type PresetSim } from '../../helpers/sim-presets';

let bench: PresetSim;
let proxy: TestProxy;
let dir: string;

beforeAll(async () => {
  bench = await startPresetSim({}, ['good']);
  proxy = await startTestProxy();
  dir = await mkdtemp(join(tmpdir(), 'mdb-doctor-proxy-'));
});

afterAll(async () => {
  await bench?.close();
  await proxy?.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * The good preset's host, with its endpoints renamed to a host that only the proxy can reach
 * (`.test` never resolves): a request that reaches the simulator went through the proxy.
 */
async function hostBehindProxy(extraEnv: Record<string, string>): Promise<{ host: HostEnvironment; profile: string; cluster: string }> {
  const entry = bench.preset('good');
  const base = bench.hostFor(entry);
  const config = (await readFile(bench.folder.configFile, 'utf8')).replaceAll('127.0.0.1', 'sim.proxied.test');
  const configFile = join(dir, `config-${Object.keys(extraEnv).join('-')}`);
  await writeFile(configFile, config, { mode: 0o600 });
  return { host: { ...base, env: { ...base.env, AWS_CONFIG_FILE: configFile, ...extraEnv } }, profile: entry.profile, cluster: entry.cluster! };
}

describe('behind an HTTP proxy (HTTP_PROXY / HTTPS_PROXY), as the AWS CLI goes', () => {
  it('every AWS call of a diagnosis goes through the proxy, and a healthy profile stays healthy', async () => {
    const { host, profile, cluster } = await hostBehindProxy({ HTTP_PROXY: proxy.url });
    const before = proxy.forwarded.length;
    const run = await diagnose(host, { profile, cluster }, { probes: defaultProbes, probeTimeoutMs: 15_000 });
    expect(run.report.rootCause).toBeNull();
    const through = proxy.forwarded.slice(before);
    expect(through.length).toBeGreaterThan(3);
    expect(through.every((line) => line.includes('http://sim.proxied.test:'))).toBe(true);
  });

  it('NO_PROXY naming the host sends it direct (and here that cannot reach it)', async () => {
    const { host, profile, cluster } = await hostBehindProxy({ HTTP_PROXY: proxy.url, NO_PROXY: '.proxied.test' });
    const before = proxy.forwarded.length;
    const run = await diagnose(host, { profile, cluster }, { probes: defaultProbes, probeTimeoutMs: 15_000 });
    expect(proxy.forwarded.length).toBe(before);
    const sts = run.report.probes.find((probe) => probe.id === 'credentials.caller-identity');
    expect(sts?.verdict).toMatch(/^Could not reach STS in \S+ at http:\/\/sim\.proxied\.test:\d+ \(from endpoint_url in \[/);
    expect(sts?.verdict).not.toContain('through the proxy');
  });

  it('AWS’s own https endpoints are tunnelled with CONNECT through HTTPS_PROXY; a refused tunnel is the proxy’s answer, not AWS’s', async () => {
    const refusing = await startTestProxy();
    try {
      const entry = bench.preset('good');
      const base = bench.hostFor(entry);
      const config = (await readFile(bench.folder.configFile, 'utf8')).replace(/^endpoint_url.*$/gm, '');
      const configFile = join(dir, 'config-aws-endpoints');
      await writeFile(configFile, config, { mode: 0o600 });
      const host = { ...base, env: { ...base.env, AWS_CONFIG_FILE: configFile, HTTPS_PROXY: refusing.url } };
      const run = await diagnose(host, { profile: entry.profile }, { probes: defaultProbes, probeTimeoutMs: 15_000, deadlineMs: 10_000 });
      expect(refusing.forwarded).toContain(`CONNECT sts.${entry.region}.amazonaws.com:443`);
      const sts = run.report.probes.find((probe) => probe.id === 'credentials.caller-identity');
      expect(sts?.verdict).toContain(`The request went through the proxy ${refusing.url} (from HTTPS_PROXY)`);
      expect(sts?.verdict).toContain(`check the proxy allows https://sts.${entry.region}.amazonaws.com`);
    } finally {
      await refusing.close();
    }
  });

  it('a proxy that swallows requests is named, with the variable that set it, when the deadline passes', async () => {
    const hung = await startTestProxy({ hang: true });
    try {
      const { host, profile } = await hostBehindProxy({ HTTP_PROXY: hung.url });
      const io = captureIo(host);
      expect(await runCli(['diagnose', '--profile', profile, '--timeout', '2'], io)).toBe(1);
      expect(io.out()).toContain('Root cause: endpoint.no-answer');
      expect(io.out()).toContain(`through the proxy ${hung.url} (from HTTP_PROXY)`);
      expect(hung.forwarded.length).toBeGreaterThan(0);
    } finally {
      await hung.close();
    }
  }, 20_000);
});
