import { worstSeverity, sortFindings } from '../../shared/model/finding';
import type { AwsFileInfo, ProfileDetailView, ProfileLine, ProfileList, ProfileSummary, ValueSource } from '../../shared/model/profile';
import { maskLine } from './mask';
import type { AwsFileState, ProfileDetail, ProfileSet } from './types';

/** Lines shown per profile at most; a real profile has a dozen. */
const maxLinesPerProfile = 200;

function describeSource(source: ValueSource): string {
  return 'env' in source ? source.env : `${source.file}:${source.line}`;
}

function fileInfo(file: AwsFileState): AwsFileInfo {
  return {
    kind: file.kind,
    path: file.path,
    exists: file.snapshot?.exists ?? false,
    hash: file.snapshot ? file.snapshot.hash : null,
    error: file.error?.message ?? null,
  };
}

/** A profile's table row: masked key id, region and where it came from, the worst finding. */
export function summarizeProfile(set: ProfileSet, profile: ProfileDetail): ProfileSummary {
  return {
    name: profile.name,
    kind: profile.kind,
    region: profile.region?.value ?? null,
    regionSource: profile.region ? describeSource(profile.region.source) : null,
    maskedKeyId: profile.maskedKeyId,
    hasSessionToken: profile.hasSessionToken,
    isDefault: profile.kind === 'environment' ? set.environment.credentialsWin : profile.name === set.defaultProfile && profile.shadowedBy === null,
    findingCount: profile.findings.length,
    worstSeverity: worstSeverity(profile.findings),
    shadowedBy: profile.shadowedBy,
  };
}

/** The list the profiles screen shows; holds nothing secret. */
export function profileListView(set: ProfileSet): ProfileList {
  return {
    profiles: set.profiles.map((profile) => summarizeProfile(set, profile)),
    defaultProfile: set.defaultProfile,
    files: { credentials: set.files.credentials, config: set.files.config },
    fileInfo: [fileInfo(set.files.credentialsFile), fileInfo(set.files.configFile)],
    environment: {
      hasAccessKeyId: set.environment.hasAccessKeyId,
      hasSecretAccessKey: set.environment.hasSecretAccessKey,
      hasSessionToken: set.environment.hasSessionToken,
      maskedKeyId: set.environment.maskedKeyId,
      profile: set.environment.profile,
      region: set.environment.region,
      defaultRegion: set.environment.defaultRegion,
      endpointUrls: set.environment.endpointUrls,
      credentialsWin: set.environment.credentialsWin,
    },
    findings: sortFindings(set.findings),
  };
}

function linesOf(set: ProfileSet, profile: ProfileDetail): ProfileLine[] {
  const wanted = new Map<string, Set<number>>([
    ['credentials', new Set()],
    ['config', new Set()],
  ]);
  for (const source of Object.values(profile.sources)) if (!('env' in source)) wanted.get(source.file)!.add(source.line);
  for (const finding of profile.findings) {
    const location = finding.location;
    if (location && (location.file === 'credentials' || location.file === 'config') && location.line !== null) wanted.get(location.file)!.add(location.line);
  }
  const lines: ProfileLine[] = [];
  for (const file of [set.files.credentialsFile, set.files.configFile]) {
    // Each wanted line with its section header, so the user sees which [section] it is in.
    const numbers = wanted.get(file.kind)!;
    for (const number of [...numbers]) {
      for (let index = number - 1; index >= 0; index -= 1) {
        if (file.lines[index]?.kind === 'header') {
          numbers.add(index + 1);
          break;
        }
      }
    }
    for (const number of [...numbers].sort((a, b) => a - b)) {
      const info = file.lines[number - 1];
      if (info) lines.push({ file: file.kind, path: file.path, line: number, text: maskLine(info) });
    }
  }
  return lines.slice(0, maxLinesPerProfile);
}

/** One profile in full for the detail pane: sources, settings, findings and masked lines. */
export function profileDetailView(set: ProfileSet, profile: ProfileDetail): ProfileDetailView {
  return {
    summary: summarizeProfile(set, profile),
    sources: profile.sources,
    region: profile.region,
    endpointUrl: profile.endpointUrl,
    servicesSection: profile.servicesSection,
    sourceProfileChain: profile.sourceProfileChain,
    settings: profile.settings,
    findings: sortFindings(profile.findings),
    lines: linesOf(set, profile),
    files: [fileInfo(set.files.credentialsFile), fileInfo(set.files.configFile)],
  };
}
