import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { Finding } from '../../shared/model/finding';
import type { ProfileKind, ValueSource } from '../../shared/model/profile';
import { distance } from 'fastest-levenshtein';
import { environmentProfileName, loadProfiles } from '../profiles/load-profiles';
import type { HostEnvironment } from '../host';
import type { FindingId } from '../profiles/catalogue';

/** A static finding about the profile, as the profile reader reports it (no secret inside). */
export interface StaticFinding {
  id: FindingId;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fixHint: string;
  /** The file and line, or the environment variable, it points at. */
  where: string | null;
}

/** Where a value came from, for the evidence a user reads. */
export interface SourcedSetting {
  value: string;
  source: string;
}

/**
 * The selected profile as the diagnosis needs it: no secret in here except through
 * `loadCredentials`, which the credentials probe alone calls.
 */
export interface ProfileContext {
  name: string;
  /** How the profile was chosen: named by the user, by AWS_PROFILE, or the SDK's `default`. */
  selectedBy: 'request' | 'AWS_PROFILE' | 'default';
  exists: boolean;
  kind: ProfileKind;
  files: { credentials: string; config: string };
  /** The profile's non-secret keys from both files (config first, credentials override). */
  settings: Readonly<Record<string, string>>;
  /** Every config-file section as the SDK keys them, for endpoint resolution. */
  configSections: Readonly<Record<string, Readonly<Record<string, string | undefined>>>>;
  /** The region the SDK would read for the profile (AWS_REGION, then the files) and where from. */
  fileRegion: SourcedSetting | null;
  maskedKeyId: string | null;
  hasSessionToken: boolean;
  /** Environment credentials, when AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are both set. */
  envCredentials: { maskedKeyId: string; hasSessionToken: boolean } | null;
  findings: StaticFinding[];
  /** Existing profile names close to a name that does not exist (a typo), nearest first. */
  nearNames: string[];
}

/** Names (of profiles, of clusters) within a couple of typing slips of `name` (edit distance ≤ 2, or one case change), nearest first. */
export function nearNames(name: string, names: readonly string[]): string[] {
  const limit = Math.min(2, Math.max(1, Math.floor(name.length / 3)));
  return names
    .filter((candidate) => candidate !== name)
    .map((candidate) => ({ candidate, distance: candidate.toLowerCase() === name.toLowerCase() ? 0 : distance(candidate, name) }))
    .filter((entry) => entry.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .map((entry) => entry.candidate);
}

/**
 * Whether a finding is about this profile. A finding about another section is that
 * section's, never this profile's cause; file-wide and environment findings concern every
 * profile. Two findings name the profile a user meant under the name the SDK gave it:
 * [profile x] in the credentials file (read as "profile.x") and [x] in the config file.
 */
export function concernsProfile(finding: Pick<Finding, 'id' | 'profile' | 'location' | 'message'>, name: string): boolean {
  if (finding.id === 'profile.prefix-in-credentials') return finding.profile === `profile.${name}` || finding.profile === name;
  if (finding.profile !== null) return finding.profile === name;
  if (finding.location === null || finding.location.file === 'environment') return true;
  // A dropped header is unnamed; it is this profile's when the header spells this name.
  if (finding.id === 'ini.bad-section-header') return new RegExp(`[\\s\\[]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\]]`).test(finding.message);
  return finding.location.line === null;
}

function describeSource(source: ValueSource): string {
  return 'env' in source ? source.env : `${source.path}:${source.line}`;
}

/**
 * Reads the selected profile the way the SDK would select it (the name the user gave, else
 * AWS_PROFILE, else `default`) through the profile reader, which also supplies the static
 * findings; the raw config sections are read once more for endpoint resolution.
 */
export async function loadProfileContext(host: HostEnvironment, requested?: string): Promise<ProfileContext> {
  const set = await loadProfiles(host, { profile: requested });
  const name = requested ?? set.defaultProfile;
  const selectedBy = requested ? 'request' : host.env.AWS_PROFILE ? 'AWS_PROFILE' : 'default';
  const detail = set.profiles.find((profile) => profile.name === name);
  const files = { credentials: set.files.credentials, config: set.files.config };
  const sections = await loadSharedConfigFiles({ filepath: files.credentials, configFilepath: files.config, ignoreCache: true }).catch(() => ({
    configFile: {},
  }));
  const env = set.environment;
  const names = set.profiles.map((profile) => profile.name).filter((other) => other !== environmentProfileName);
  // [profile default] in the credentials file loads as a profile of its own, "profile.default".
  const misfiled = set.profiles.find((profile) => profile.name === `profile.${name}`)?.findings ?? [];
  const ownFindings = [...(detail?.findings ?? []), ...misfiled.filter((finding) => finding.id === 'profile.prefix-in-credentials')];
  return {
    name,
    selectedBy,
    exists: detail !== undefined,
    kind: detail?.kind ?? 'unknown',
    files,
    settings: detail?.settings ?? {},
    configSections: sections.configFile,
    fileRegion: detail?.region ? { value: detail.region.value, source: describeSource(detail.region.source) } : null,
    maskedKeyId: detail?.maskedKeyId ?? null,
    hasSessionToken: detail?.hasSessionToken ?? false,
    envCredentials:
      env.hasAccessKeyId && env.hasSecretAccessKey && env.maskedKeyId ? { maskedKeyId: env.maskedKeyId, hasSessionToken: env.hasSessionToken } : null,
    nearNames: detail === undefined ? nearNames(name, names) : [],
    findings: [...ownFindings, ...set.findings.filter((finding) => concernsProfile(finding, name))].map((finding) => ({
      id: finding.id,
      severity: finding.severity,
      message: finding.message,
      fixHint: finding.fixHint,
      where:
        finding.location === null
          ? null
          : 'variable' in finding.location
            ? finding.location.variable
            : `${finding.location.path}${finding.location.line ? `:${finding.location.line}` : ''}`,
    })),
  };
}
