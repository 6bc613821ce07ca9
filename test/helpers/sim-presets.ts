import { fromIni } from '@aws-sdk/credential-providers';
import { readFile } from 'node:fs/promises';
import { startPresetSession, type PresetSession } from '../../src/demo/preset-session';
import type { SimulatorOptions } from '../../src/sim/index';
import type { PresetFolder } from '../../src/sim/presets';

/** A simulator with presets written to a temp folder (the demo's own session), plus SDK client config per preset. */
export interface PresetSim extends PresetSession {
  /** SDK client config for a preset: the sim as endpoint, its region, credentials read by fromIni from the preset files. */
  clientConfig(name: string, region?: string): { endpoint: string; region: string; credentials: ReturnType<typeof fromIni>; maxAttempts?: number };
}

/** Starts a simulator and writes presets (all, or `only`) for a test file; `close()` in afterAll. */
export async function startPresetSim(options: SimulatorOptions = {}, only?: string[]): Promise<PresetSim> {
  const session = await startPresetSession({ simulator: options, only, prefix: 'mdb-sim-' });
  const { sim, folder } = session;
  return {
    ...session,
    clientConfig: (name, region) => ({
      endpoint: sim.endpoint,
      region: region ?? session.preset(name).region,
      credentials: fromIni({ profile: session.preset(name).profile, filepath: folder.credentialsFile, configFilepath: folder.configFile, ignoreCache: true }),
    }),
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

/** The text of every credentials file of a preset folder: the shared one and those of presets with files of their own. */
async function credentialsTexts(folder: PresetFolder): Promise<string> {
  const paths = new Set([folder.credentialsFile, ...folder.presets.flatMap((entry) => entry.env?.AWS_SHARED_CREDENTIALS_FILE ?? [])]);
  return (await Promise.all([...paths].map((path) => readFile(path, 'utf8')))).join('\n');
}

/** Every secret a preset folder holds: the secret keys and session tokens in its credentials files and environments. */
export async function presetSecrets(folder: PresetFolder): Promise<string[]> {
  const text = await credentialsTexts(folder);
  const fromFile = [...text.matchAll(/^\s*(?:aws_secret_access_key|aws_session_token)\s*=\s*(\S+)/gm)].map((match) => match[1]!);
  const fromEnv = folder.presets
    .flatMap((entry) => [entry.env?.AWS_SECRET_ACCESS_KEY, entry.env?.AWS_SESSION_TOKEN])
    .filter((value): value is string => Boolean(value));
  return [...fromFile, ...fromEnv];
}

/** Every full access key id a preset folder holds (they must appear only masked). */
export async function presetKeyIds(folder: PresetFolder): Promise<string[]> {
  const text = await credentialsTexts(folder);
  const fromFile = [...text.matchAll(/^\s*aws_access_key_id\s*=\s*(\S+)/gm)].map((match) => match[1]!);
  const fromEnv = folder.presets.map((entry) => entry.env?.AWS_ACCESS_KEY_ID).filter((value): value is string => Boolean(value));
  return [...fromFile, ...fromEnv];
}
