import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostEnvironment } from '../core/host';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../sim/index';
import { presetNames, writePresets, type PresetEntry, type PresetFolder } from '../sim/presets';

/** A preset name that the simulator does not know: the caller's typo, reported before anything starts. */
export class UnknownPresetError extends Error {
  constructor(readonly names: string[]) {
    super(`Unknown preset${names.length > 1 ? 's' : ''}: ${names.join(', ')}. Known: ${presetNames.join(', ')}.`);
    this.name = 'UnknownPresetError';
  }
}

/** How to start a preset session. */
export interface PresetSessionOptions {
  /** The simulator's knobs (latency, faults). */
  simulator?: SimulatorOptions;
  /** Only these presets (all when absent). */
  only?: readonly string[];
  /** Where the session's temp folder goes (the system temp folder when absent); created with mode 0700. */
  parentDir?: string;
  /** The temp folder's name prefix. */
  prefix?: string;
  /** How many folders of the presets to write, each its own set of accounts (a fleet); 1 when absent. */
  copies?: number;
}

/** A running simulator with its preset files written; `close()` stops it and removes the files. */
export interface PresetSession {
  sim: RunningSimulator;
  /** The first (often only) folder of presets. */
  folder: PresetFolder;
  /** Every folder written, one per copy. */
  folders: PresetFolder[];
  /** The entry of a written preset; throws for one that was not written. */
  preset(name: string): PresetEntry;
  /** The host a user of this preset has (see hostForPreset), on this machine's platform and clock. */
  hostFor(entry: PresetEntry, extraEnv?: Record<string, string>): HostEnvironment;
  close(): Promise<void>;
}

/** The diagnosis request a user of this preset makes. */
export function presetRequest(entry: PresetEntry): { profile?: string; cluster?: string; user?: string; signIn?: 'password' | 'iam' } {
  return {
    ...(entry.signIn !== undefined ? { signIn: entry.signIn } : {}),
    ...(entry.named === false ? {} : { profile: entry.profile }),
    ...(entry.cluster !== undefined ? { cluster: entry.cluster } : {}),
    ...(entry.user !== undefined ? { user: entry.user } : {}),
  };
}

/**
 * The host a user of one simulator preset would have: the preset's AWS files and
 * environment, a throwaway home folder, the instance metadata service switched off.
 */
export function hostForPreset(
  folder: PresetFolder,
  entry: PresetEntry,
  base: Pick<HostEnvironment, 'platform' | 'now'> = { platform: process.platform, now: () => new Date() },
  extraEnv: Record<string, string> = {},
): HostEnvironment {
  return {
    env: {
      HOME: folder.dir,
      AWS_CONFIG_FILE: folder.configFile,
      AWS_SHARED_CREDENTIALS_FILE: folder.credentialsFile,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...entry.env,
      ...extraEnv,
    },
    homeDir: folder.dir,
    platform: base.platform,
    appDataDir: join(folder.dir, 'app-data'),
    now: base.now,
  };
}

/**
 * The one start-simulator / write-presets / clean-up sequence, shared by the desktop demo,
 * `mdb-doctor demo`, the tests and the benchmarks so that they cannot drift apart. Unknown
 * preset names are refused before the simulator starts; a failure half-way stops what started.
 */
export async function startPresetSession(options: PresetSessionOptions = {}): Promise<PresetSession> {
  const only = options.only === undefined ? undefined : [...options.only];
  const unknown = (only ?? []).filter((name) => !presetNames.includes(name));
  if (unknown.length > 0) throw new UnknownPresetError(unknown);
  const parentDir = options.parentDir ?? tmpdir();
  await mkdir(parentDir, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(parentDir, options.prefix ?? 'mdb-doctor-presets-'));
  let sim: RunningSimulator | null = null;
  const close = async () => {
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    sim = await startSimulator(options.simulator);
    const copies = Math.max(1, options.copies ?? 1);
    const folders: PresetFolder[] = [];
    for (let copy = 0; copy < copies; copy += 1) folders.push(await writePresets(copies === 1 ? dir : join(dir, `copy-${copy}`), sim, only));
    const folder = folders[0]!;
    return {
      sim,
      folder,
      folders,
      preset(name) {
        const found = folder.presets.find((entry) => entry.preset === name);
        if (!found) throw new Error(`Preset ${name} was not written.`);
        return found;
      },
      hostFor: (entry, extraEnv = {}) => hostForPreset(folder, entry, undefined, extraEnv),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
