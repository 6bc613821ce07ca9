import type { AwsFileKind, Finding, FindingLocation, ProfileFix } from '../../shared/model/finding';
import { isAppliableFix } from './appliable-fix';
import type { EnvironmentSummary, ProfileKind, SourcedValue, ValueSource } from '../../shared/model/profile';
import type { AwsFileReadError, AwsFileSnapshot } from '../aws-files/read-aws-file';
import type { IniLineInfo } from '../aws-files/ini-lines';
import { findingCatalogue, type FindingId } from './catalogue';

/** One AWS file as the loader saw it (main process only: the snapshot holds secrets). */
export interface AwsFileState {
  kind: AwsFileKind;
  path: string;
  snapshot: AwsFileSnapshot | null;
  error: AwsFileReadError | null;
  /** The SDK-faithful line scan of the snapshot's text (empty when unreadable). */
  lines: IniLineInfo[];
}

/** Secrets of one profile. Main process only: never put into an IPC payload or a log. */
export interface ProfileSecrets {
  accessKeyId: string | null;
  secretAccessKey: string | null;
  sessionToken: string | null;
}

/** One profile, fully resolved the way the SDK would (main process only). */
export interface ProfileDetail {
  name: string;
  kind: ProfileKind;
  /** Every key of the merged profile and where its winning value came from. */
  sources: Record<string, ValueSource>;
  region: SourcedValue | null;
  endpointUrl: SourcedValue | null;
  /** The `services` setting: the `[services x]` section whose endpoints apply. */
  servicesSection: string | null;
  maskedKeyId: string | null;
  hasSessionToken: boolean;
  /** The profile and each source_profile the SDK would visit, in order. */
  sourceProfileChain: string[];
  findings: CatalogueFinding[];
  /** Non-secret keys and values of the merged profile. */
  settings: Record<string, string>;
  secrets: ProfileSecrets;
  /** The environment variable whose credentials the SDK uses instead, if any. */
  shadowedBy: string | null;
}

/** Everything the loader found (main process only). */
export interface ProfileSet {
  files: { credentials: string; config: string; ssoCacheDir: string; credentialsFile: AwsFileState; configFile: AwsFileState };
  /** The profile the SDK would use now: AWS_PROFILE, else `default`. */
  defaultProfile: string;
  profiles: ProfileDetail[];
  environment: EnvironmentSummary & { secrets: ProfileSecrets };
  /** File-level and environment findings. */
  findings: CatalogueFinding[];
}

/** A finding as the loader makes it: its id is one of the catalogue's (the IPC model carries it as a string). */
export interface CatalogueFinding extends Finding {
  id: FindingId;
}

/** What a check supplies; the catalogue supplies the severity. */
export interface FindingInput {
  message: string;
  location: FindingLocation | null;
  fixHint: string;
  fix?: ProfileFix | null;
  profile?: string | null;
}

/** Builds a finding with the catalogue's severity and a key unique to its place. */
export function makeFinding(id: FindingId, input: FindingInput): CatalogueFinding {
  const where =
    input.location === null ? '' : input.location.file === 'environment' ? input.location.variable : `${input.location.file}:${input.location.line ?? 0}`;
  return {
    id,
    key: [id, input.profile ?? '', where, input.fix && 'key' in input.fix ? input.fix.key : ''].join('|'),
    severity: findingCatalogue[id].severity,
    message: input.message,
    location: input.location,
    fixHint: input.fixHint,
    // The core proposes only fixes the app may apply: a key the SDK runs or trusts stays a hint.
    fix: input.fix && isAppliableFix(input.fix) ? input.fix : null,
    profile: input.profile ?? null,
  };
}

/** A line of an AWS file as a finding location. */
export function lineLocation(file: AwsFileState, line: number | null): FindingLocation {
  return { file: file.kind, path: file.path, line };
}
