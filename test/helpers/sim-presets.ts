import { fromIni } from '@aws-sdk/credential-providers';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/sim/index';
import { writePresets, type PresetEntry, type PresetFolder } from '../../src/sim/presets';

/** A simulator with presets written to a temp folder; `close()` stops it and removes the folder. */
export interface PresetSim {
  sim: RunningSimulator;
  folder: PresetFolder;
  preset(name: string): PresetEntry;
  /** SDK client config for a preset: the sim as endpoint, its region, credentials read by fromIni from the preset files. */
  clientConfig(name: string, region?: string): { endpoint: string; region: string; credentials: ReturnType<typeof fromIni>; maxAttempts?: number };
  close(): Promise<void>;
}

/** Starts a simulator and writes presets (all, or `only`) for a test file. */
export async function startPresetSim(options: SimulatorOptions = {}, only?: string[]): Promise<PresetSim> {
  const sim = await startSimulator(options);
  const dir = await mkdtemp(join(tmpdir(), 'mdb-sim-'));
  const folder = await writePresets(dir, sim, only);
  const preset = (name: string): PresetEntry => {
    const entry = folder.presets.find((p) => p.preset === name);
    if (!entry) throw new Error(`Preset ${name} was not written.`);
    return entry;
  };
  return {
    sim,
    folder,
    preset,
    clientConfig: (name, region) => ({
      endpoint: sim.endpoint,
      region: region ?? preset(name).region,
      credentials: fromIni({ profile: preset(name).profile, filepath: folder.credentialsFile, configFilepath: folder.configFile, ignoreCache: true }),
    }),
    close: async () => {
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `call` and returns the error it throws (fails the test if it resolves). */
export async function failureOf(
  call: () => Promise<unknown>,
): Promise<{ name: string; message: string; status: number | undefined; attempts: number | undefined }> {
  try {
    await call();
  } catch (error) {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
    return { name: e.name ?? 'Error', message: e.message ?? '', status: e.$metadata?.httpStatusCode, attempts: e.$metadata?.attempts };
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}
