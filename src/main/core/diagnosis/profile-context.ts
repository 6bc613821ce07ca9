import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { join } from 'node:path';
import type { ProfileKind } from '../../../shared/model/profile';
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
  /** The profile's own region (config file), before environment overrides. */
  fileRegion: SourcedSetting | null;
  maskedKeyId: string | null;
  hasSessionToken: boolean;
  /** Environment credentials, when AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are both set. */
  envCredentials: { maskedKeyId: string; hasSessionToken: boolean } | null;
  findings: StaticFinding[];
}

const secretKeys = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

/** An access key id reduced to its first and last four characters. */
export function maskKeyId(keyId: string): string {
  const trimmed = keyId.trim();
  return trimmed.length <= 8 ? '…' : `${trimmed.slice(0, 4)}…${trimmed.slice(-4)}`;
}

function kindOf(settings: Readonly<Record<string, string | undefined>>): ProfileKind {
  if (settings.role_arn && settings.web_identity_token_file) return 'web-identity';
  if (settings.role_arn) return 'assume-role';
  if (settings.sso_session || settings.sso_start_url || settings.sso_account_id) return 'sso';
  if (settings.credential_process) return 'process';
  if (settings.aws_access_key_id) return settings.aws_session_token ? 'temporary' : 'static';
  return 'unknown';
}

/** The files the SDK reads on this host (AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, else ~/.aws). */
export function awsFilePaths(host: HostEnvironment): { credentials: string; config: string } {
  const home = host.env.HOME || host.env.USERPROFILE || host.homeDir;
  return {
    credentials: host.env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
    config: host.env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
  };
}

/**
 * Reads the selected profile the way the SDK would select it: the name the user gave,
 * else AWS_PROFILE, else `default`.
 */
export async function loadProfileContext(host: HostEnvironment, requested?: string): Promise<ProfileContext> {
  const files = awsFilePaths(host);
  const name = requested ?? host.env.AWS_PROFILE ?? 'default';
  const selectedBy = requested ? 'request' : host.env.AWS_PROFILE ? 'AWS_PROFILE' : 'default';
  const loaded = await loadSharedConfigFiles({ filepath: files.credentials, configFilepath: files.config, ignoreCache: true });
  const fromConfig = loaded.configFile[name];
  const fromCredentials = loaded.credentialsFile[name];
  const merged: Record<string, string | undefined> = { ...fromConfig, ...fromCredentials };
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(merged)) {
    if (value !== undefined && !secretKeys.has(key) && key !== 'aws_access_key_id') settings[key] = value;
  }
  const envKey = host.env.AWS_ACCESS_KEY_ID;
  const envCredentials = envKey && host.env.AWS_SECRET_ACCESS_KEY ? { maskedKeyId: maskKeyId(envKey), hasSessionToken: Boolean(host.env.AWS_SESSION_TOKEN) } : null;
  const configSection = name === 'default' ? '[default]' : `[profile ${name}]`;
  return {
    name,
    selectedBy,
    exists: fromConfig !== undefined || fromCredentials !== undefined,
    kind: kindOf(merged),
    files,
    settings,
    configSections: loaded.configFile,
    fileRegion: fromConfig?.region ? { value: fromConfig.region, source: `${files.config} ${configSection}` } : null,
    maskedKeyId: merged.aws_access_key_id ? maskKeyId(merged.aws_access_key_id) : null,
    hasSessionToken: Boolean(merged.aws_session_token),
    envCredentials,
    findings: [],
  };
}
