import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostEnvironment } from '../../../src/main/core/host';
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
      return {
        env: { HOME: dir, AWS_CONFIG_FILE: folder.configFile, AWS_SHARED_CREDENTIALS_FILE: folder.credentialsFile, AWS_EC2_METADATA_DISABLED: 'true', ...entry.env, ...extraEnv },
        homeDir: dir,
        platform: process.platform,
        appDataDir: join(dir, 'app-data'),
        now: () => new Date(),
      };
    },
    async close() {
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
