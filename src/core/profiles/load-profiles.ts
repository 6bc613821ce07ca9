import { setImmediate } from 'node:timers/promises';
import type { AwsFileKind } from '../../shared/model/finding';
import { iniMapFromScan, scanIniText, type IniMap } from '../aws-files/ini-lines';
import { AwsFileReadError, readAwsFileBytes, snapshotOf } from '../aws-files/read-aws-file';
import { parseWithSdk } from '../aws-files/sdk-ini';
import type { HostEnvironment } from '../host';
import { environmentFindings, readEnvironment } from './environment';
import { scanFileFindings } from './file-findings';
import { createSourceChains } from './source-chains';
import { locateAwsFiles } from './locate';
import { resolveProfile, type ResolveContext } from './resolve-profile';
import type { AwsFileState, ProfileDetail, ProfileSet, CatalogueFinding } from './types';

export { maskKeyId } from './mask';

/** The name of the pseudo-profile that stands for credentials in environment variables. */
export const environmentProfileName = '(environment)';

/** Findings of one id beyond this many per file are folded into the last one. */
const maxFindingsPerIdPerFile = 25;
/** Profiles resolved between yields to the event loop. */
const profilesPerSlice = 500;

/** How the loader reads bytes; tests inject failures the real file system cannot produce as root. */
export type ReadBytes = typeof readAwsFileBytes;

/** Options of {@link loadProfiles}. */
export interface LoadProfilesOptions {
  /** The profile the caller will use, as the SDK's `profile` option (skips environment keys like AWS_PROFILE does). */
  profile?: string;
  readBytes?: ReadBytes;
}

async function readState(kind: AwsFileKind, path: string, readBytes: ReadBytes): Promise<{ state: AwsFileState; bytes: Buffer | null }> {
  try {
    const { realPath, bytes, mode } = await readBytes(path);
    const snapshot = snapshotOf(path, realPath, bytes, mode);
    return { state: { kind, path, snapshot, error: null, lines: snapshot.exists ? scanIniText(snapshot.text) : [] }, bytes };
  } catch (error) {
    const readError =
      error instanceof AwsFileReadError ? error : new AwsFileReadError('unreadable', path, `${path} cannot be read: ${(error as Error).message}`);
    return { state: { kind, path, snapshot: null, error: readError, lines: [] }, bytes: null };
  }
}

function buildLineIndex(file: AwsFileState): Map<string, Map<string, number>> {
  const index = new Map<string, Map<string, number>>();
  for (const info of file.lines) {
    if (info.kind !== 'entry' || info.section === undefined) continue;
    let keys = index.get(info.section);
    if (!keys) index.set(info.section, (keys = new Map()));
    keys.set(info.key, info.line.number);
  }
  return index;
}

/** Same merge as the SDK's `parseKnownFiles`: config first, credentials values win. */
function mergeLikeSdk(config: IniMap, credentials: IniMap): IniMap {
  const merged: IniMap = {};
  // Fresh objects per name: the SDK's maps are not ours to mutate. A section named after a
  // built-in ([constructor]) comes back as a function, which fromIni cannot use either.
  for (const [name, values] of Object.entries(config)) if (typeof values === 'object') merged[name] = { ...values };
  for (const [name, values] of Object.entries(credentials)) if (typeof values === 'object') merged[name] = Object.assign(merged[name] ?? {}, values);
  return merged;
}

function isProfileName(name: string): boolean {
  return !name.startsWith('sso-session.') && !name.startsWith('services.');
}

/** Keeps long runs of one finding (a garbage file) readable: at most N per id and file. */
function capFindings(findings: CatalogueFinding[]): CatalogueFinding[] {
  const counts = new Map<string, number>();
  const kept: CatalogueFinding[] = [];
  for (const finding of findings) {
    const group = `${finding.id}|${finding.location && 'path' in finding.location ? finding.location.path : ''}`;
    const count = (counts.get(group) ?? 0) + 1;
    counts.set(group, count);
    if (count <= maxFindingsPerIdPerFile) kept.push(finding);
  }
  for (const [group, count] of counts) {
    if (count <= maxFindingsPerIdPerFile) continue;
    const last = kept.filter((finding) => `${finding.id}|${finding.location && 'path' in finding.location ? finding.location.path : ''}` === group).at(-1)!;
    last.message += ` (${count - maxFindingsPerIdPerFile} more like this are not listed)`;
  }
  return kept;
}

function uniqueKeys(findings: CatalogueFinding[]): CatalogueFinding[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const count = seen.get(finding.key) ?? 0;
    seen.set(finding.key, count + 1);
    return count === 0 ? finding : { ...finding, key: `${finding.key}#${count}` };
  });
}

function environmentProfile(context: ResolveContext, wins: boolean, envFindings: CatalogueFinding[]): ProfileDetail {
  const env = context.env;
  return {
    name: environmentProfileName,
    kind: 'environment',
    sources: {
      aws_access_key_id: { env: 'AWS_ACCESS_KEY_ID' },
      ...(env.hasSecretAccessKey ? { aws_secret_access_key: { env: 'AWS_SECRET_ACCESS_KEY' } } : {}),
      ...(env.hasSessionToken ? { aws_session_token: { env: 'AWS_SESSION_TOKEN' } } : {}),
    },
    region: env.region === null ? null : { value: env.region, source: { env: 'AWS_REGION' } },
    endpointUrl: null,
    servicesSection: null,
    maskedKeyId: env.maskedKeyId,
    hasSessionToken: env.hasSessionToken,
    sourceProfileChain: [],
    findings: envFindings.filter(
      (finding) =>
        finding.location?.file === 'environment' &&
        /^(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_CREDENTIAL_EXPIRATION)$/.test(finding.location.variable),
    ),
    settings: {},
    secrets: env.secrets,
    shadowedBy: wins ? null : env.profile !== null ? 'AWS_PROFILE' : null,
  };
}

/**
 * Reads every local AWS profile the way the SDK for JavaScript v3 does: the files it would
 * open (from the host's environment and home folder), the SDK's own parser for the values,
 * and a line scan for what that parser hides. Never throws for bad input: unreadable or
 * malformed files become findings.
 */
export async function loadProfiles(host: HostEnvironment, options: LoadProfilesOptions = {}): Promise<ProfileSet> {
  const paths = locateAwsFiles(host);
  const readBytes = options.readBytes ?? readAwsFileBytes;
  const [credentials, config] = await Promise.all([readState('credentials', paths.credentials, readBytes), readState('config', paths.config, readBytes)]);
  const sdk = await parseWithSdk({ credentials: credentials.state.snapshot?.text ?? '', config: config.state.snapshot?.text ?? '' });
  const env = readEnvironment(host);
  const configRaw = iniMapFromScan(config.state.lines);
  const merged = mergeLikeSdk(sdk.configFile, sdk.credentialsFile);
  const context: ResolveContext = {
    host,
    ssoCacheDir: paths.ssoCacheDir,
    env,
    files: { credentials: credentials.state, config: config.state },
    configFile: sdk.configFile,
    credentialsFile: sdk.credentialsFile,
    merged,
    lineIndex: { credentials: buildLineIndex(credentials.state), config: buildLineIndex(config.state) },
    configHasProfileDefault: Object.hasOwn(configRaw, 'profile.default'),
    sourceChains: createSourceChains(merged),
  };
  const names = Object.keys(context.merged)
    .filter(isProfileName)
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  const defaultProfile = host.env.AWS_PROFILE || 'default';
  const environmentWins = env.credentialsWin && options.profile === undefined;
  const profiles: ProfileDetail[] = [];
  for (const [index, name] of names.entries()) {
    // A file of tens of thousands of profiles must not hold the (main process's) event loop for seconds.
    if (index > 0 && index % profilesPerSlice === 0) await setImmediate();
    profiles.push(await resolveProfile(context, name, environmentWins));
  }
  const fileFindings = [
    ...scanFileFindings(credentials.state, host.platform, credentials.bytes),
    ...scanFileFindings(config.state, host.platform, config.bytes),
  ];
  const envFindings = environmentFindings(host, env, new Set(names));
  let setLevelEnv = envFindings;
  if (env.hasAccessKeyId) {
    const pseudo = environmentProfile(context, environmentWins, envFindings);
    profiles.unshift(pseudo);
    setLevelEnv = envFindings.filter((finding) => !pseudo.findings.includes(finding));
  }
  // Line findings about a profile's own section belong in that profile's detail.
  const byName = new Map(profiles.map((profile) => [profile.name, profile]));
  const setLevel: CatalogueFinding[] = [];
  for (const finding of capFindings(fileFindings)) {
    const owner = finding.profile === null ? undefined : byName.get(finding.profile);
    if (owner) owner.findings.push(finding);
    else setLevel.push(finding);
  }
  for (const profile of profiles) profile.findings = uniqueKeys(profile.findings);
  return {
    files: {
      credentials: paths.credentials,
      config: paths.config,
      ssoCacheDir: paths.ssoCacheDir,
      credentialsFile: credentials.state,
      configFile: config.state,
    },
    defaultProfile,
    profiles,
    environment: env,
    findings: uniqueKeys([...setLevel, ...setLevelEnv]),
  };
}
