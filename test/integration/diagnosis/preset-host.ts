import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostForPreset } from '../../../src/cli/preset-hosts';
import type { HostEnvironment } from '../../../src/core/host';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/sim/index';
import { writePresets, type PresetEntry, type PresetFolder } from '../../../src/sim/presets';

/** A simulator with presets written to a temp folder, and a host per preset that points at them. */
export interface PresetBench {
  sim: RunningSimulator;
  folder: PresetFolder;
  preset(name: string): PresetEntry;
  /** The host a user of this preset has: the preset's files and environment, a temp home. */
  hostFor(entry: PresetEntry, extraEnv?: Record<string, string>): HostEnvironment;
  close(): Promise<void>;
}

/** Starts the simulator and writes the named presets (all by default). */
export async function startPresetBench(options: SimulatorOptions = {}, only?: string[]): Promise<PresetBench> {
  const sim = await startSimulator(options);
  const dir = await mkdtemp(join(tmpdir(), 'mdb-doctor-presets-'));
  const folder = await writePresets(dir, sim, only);
  return {
    sim,
    folder,
    preset(name) {
      const found = folder.presets.find((entry) => entry.preset === name);
      if (!found) throw new Error(`No preset ${name}`);
      return found;
    },
    hostFor(entry, extraEnv = {}) {
      return hostForPreset(folder, entry, { platform: process.platform, now: () => new Date() }, extraEnv);
    },
    async close() {
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Every secret a preset folder holds: the secret keys and session tokens in its credentials file and environments. */
export async function presetSecrets(folder: PresetFolder): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(folder.credentialsFile, 'utf8');
  const fromFile = [...text.matchAll(/^(?:aws_secret_access_key|aws_session_token)\s*=\s*(\S+)/gm)].map((match) => match[1]!);
  const fromEnv = folder.presets
    .flatMap((entry) => [entry.env?.AWS_SECRET_ACCESS_KEY, entry.env?.AWS_SESSION_TOKEN])
    .filter((value): value is string => Boolean(value));
  return [...fromFile, ...fromEnv];
}

/** Every full access key id a preset folder holds (they must appear only masked). */
export async function presetKeyIds(folder: PresetFolder): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(folder.credentialsFile, 'utf8');
  const fromFile = [...text.matchAll(/^aws_access_key_id\s*=\s*(\S+)/gm)].map((match) => match[1]!);
  const fromEnv = folder.presets.map((entry) => entry.env?.AWS_ACCESS_KEY_ID).filter((value): value is string => Boolean(value));
  return [...fromFile, ...fromEnv];
}
