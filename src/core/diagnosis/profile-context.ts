import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { ProfileKind, ValueSource } from '../../shared/model/profile';
import { loadProfiles } from '../profiles/load-profiles';
import type { HostEnvironment } from '../host';

/** A static finding about the profile, as the profile reader reports it (no secret inside). */
export interface StaticFinding {
  id: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fixHint: string;
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
  const ownFindings = detail?.findings ?? [];
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
    findings: [...ownFindings, ...set.findings].map((finding) => ({
      id: finding.id,
      severity: finding.severity,
      message: finding.message,
      fixHint: finding.fixHint,
    })),
  };
}
