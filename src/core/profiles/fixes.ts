import type { AwsFileKind, ProfileFix } from '../../shared/model/finding';
import type { FixDiffLine } from '../../shared/model/profile';
import { canonicalSectionName, iniMapFromScan, scanIniText, type IniLineInfo } from '../aws-files/ini-lines';
import { IniEditError, planIniEdits, sectionHeaderFor, type IniEdit, type IniEditPlan } from '../aws-files/ini-edit';
import { missingFileHash, type AwsFileSnapshot } from '../aws-files/read-aws-file';
import { cleanValue } from './file-findings';
import { isAppliableFix, writtenKey } from './appliable-fix';
import { isTrustedKey } from './known-keys';
import { maskLine } from './mask';
import type { CatalogueFinding, ProfileSet } from './types';

/** Why a fix cannot be planned; `code` maps onto the IPC error codes. */
export class ProfileFixError extends Error {
  constructor(
    readonly code: 'not-found' | 'refused' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'ProfileFixError';
  }
}

/** A fix turned into concrete edits of one file (main process only: edits may hold secrets). */
export interface PlannedFix {
  file: AwsFileKind;
  path: string;
  /** Hash of the text the edits were computed from. */
  hash: string;
  edits: IniEdit[];
  plan: IniEditPlan;
  summary: string;
  diff: FixDiffLine[];
  /** The fix that would put the file back, for main to keep as a proposal; null when none is offered. */
  undo: ProfileFix | null;
  /** The file's new mode when the fix changes it (owner-only), else null. */
  mode: number | null;
}

/**
 * What main may plan: a finding's own fix, by the finding's key in a load of the files as
 * they are now, or a fix the core proposed earlier (a diagnosis, an undo) that main kept.
 * The page never names the edit itself.
 */
export type FixSelector = { profile?: string; findingKey: string } | { profile: string; proposed: ProfileFix };

/** A finding by key: the profile's own and the files' findings, or the files' only when no profile is named. */
function findFinding(set: ProfileSet, profile: string | undefined, key: string): CatalogueFinding {
  const owner = profile === undefined ? undefined : set.profiles.find((candidate) => candidate.name === profile);
  const found = [...(owner?.findings ?? []), ...set.findings].find((finding) => finding.key === key);
  if (!found) throw new ProfileFixError('conflict', 'That finding is no longer there: the files changed since they were read. Reload and try again.');
  if (!found.fix) throw new ProfileFixError('refused', `Finding ${found.id} has no automatic fix; follow its hint instead.`);
  return found;
}

function refuseUnappliable(fix: ProfileFix): void {
  if (isAppliableFix(fix)) return;
  const key = writtenKey(fix) ?? '';
  throw new ProfileFixError(
    'refused',
    isTrustedKey(key)
      ? `The app never writes ${key}: the AWS SDK runs or trusts what it names. Change it by hand in the file if you mean to.`
      : 'Credentials are changed only by key rotation, never by a fix.',
  );
}

/** A kept proposal may only set or remove a setting in the named profile's own section, of a profile that exists now. */
function checkProposal(set: ProfileSet, fix: ProfileFix, profile: string): void {
  if (fix.kind === 'owner-only') throw new ProfileFixError('refused', "A file's permissions are changed only from its own finding.");
  if (!set.profiles.some((candidate) => candidate.name === profile)) {
    throw new ProfileFixError('conflict', `Profile ${profile} is no longer in the files; run the diagnosis again.`);
  }
  if (canonicalSectionName(fix.section) !== canonicalSectionName(sectionHeaderFor(fix.file, profile))) {
    throw new ProfileFixError('refused', `The fix edits [${fix.section}], which is not profile ${profile}'s section in the ${fix.file} file.`);
  }
}

/** The fix that puts back what `fix` changes, from the value in the file now; null when there is none to offer. */
function undoOf(fix: ProfileFix, lines: readonly IniLineInfo[]): ProfileFix | null {
  if (fix.kind !== 'set-value') return null;
  const old = valueInFile(lines, fix.section, fix.key);
  const undo: ProfileFix =
    old === undefined
      ? { kind: 'remove-key', file: fix.file, section: fix.section, key: fix.key }
      : { kind: 'set-value', file: fix.file, section: fix.section, key: fix.key, value: old };
  return isAppliableFix(undo) ? undo : null;
}

/** The value `key` has in `section` of the file as read, if it is set. */
function valueInFile(lines: readonly IniLineInfo[], section: string, key: string): string | undefined {
  const canonical = canonicalSectionName(section);
  const map = iniMapFromScan(lines);
  return canonical !== undefined && Object.hasOwn(map, canonical) ? map[canonical]![key] : undefined;
}

function currentValue(lines: readonly IniLineInfo[], section: string, key: string): string {
  const value = valueInFile(lines, section, key);
  if (value === undefined) throw new ProfileFixError('conflict', `${key} is no longer set in [${section}]; reload and try again.`);
  return value;
}

function editsFor(fix: ProfileFix, lines: readonly IniLineInfo[]): { edits: IniEdit[]; summary: string } {
  switch (fix.kind) {
    case 'owner-only':
      return { edits: [], summary: '' };
    case 'set-value':
      return {
        edits: [{ section: fix.section, key: fix.key, value: fix.value }],
        summary: `Set ${fix.key} = ${fix.value} in [${fix.section}] of the ${fix.file} file.`,
      };
    case 'remove-key':
      return { edits: [{ section: fix.section, key: fix.key, value: null }], summary: `Remove ${fix.key} from [${fix.section}] of the ${fix.file} file.` };
    case 'clean-value': {
      const value = currentValue(lines, fix.section, fix.key);
      const cleaned = cleanValue(fix.key, value);
      if (cleaned === value || cleaned === '') throw new ProfileFixError('refused', `${fix.key} has nothing left to clean.`);
      return {
        edits: [{ section: fix.section, key: fix.key, value: cleaned }],
        summary: `Remove quotes, stray whitespace and invisible characters from ${fix.key} in [${fix.section}].`,
      };
    }
    case 'rename-key': {
      const value = currentValue(lines, fix.section, fix.key);
      return {
        edits: [
          { section: fix.section, key: fix.newKey, value },
          { section: fix.section, key: fix.key, value: null },
        ],
        summary: `Rename ${fix.key} to ${fix.newKey} in [${fix.section}] (the value stays).`,
      };
    }
  }
}

function diffOf(oldText: string, plan: IniEditPlan): FixDiffLine[] {
  const before = scanIniText(oldText);
  const after = scanIniText(plan.text);
  return plan.changes.map((change) => ({
    kind: change.kind,
    oldLine: change.oldLine,
    newLine: change.newLine,
    before: change.oldLine === null ? null : maskLine(before[change.oldLine - 1]!),
    after: change.newLine === null ? null : maskLine(after[change.newLine - 1]!),
  }));
}

/**
 * Turns a finding's fix (or an allowed explicit fix) into the exact edits and a masked
 * line diff, computed from the snapshot in `set`: what a preview shows and an apply writes.
 */
export function planFix(set: ProfileSet, selector: FixSelector): PlannedFix {
  let fix: ProfileFix;
  if ('findingKey' in selector) {
    fix = findFinding(set, selector.profile, selector.findingKey).fix!;
  } else {
    checkProposal(set, selector.proposed, selector.profile);
    fix = selector.proposed;
  }
  refuseUnappliable(fix);
  const file = fix.file === 'credentials' ? set.files.credentialsFile : set.files.configFile;
  if (file.error) throw new ProfileFixError('refused', `The ${fix.file} file cannot be edited: ${file.error.message}`);
  const snapshot = file.snapshot!;
  if (snapshot.exists && snapshot.mode !== null && (snapshot.mode & 0o200) === 0) {
    throw new ProfileFixError(
      'refused',
      `${file.path} is read-only (mode ${snapshot.mode.toString(8).padStart(4, '0')}); someone made it so on purpose, so the app will not change it.`,
    );
  }
  if (fix.kind === 'owner-only') return planOwnerOnly(fix.file, file.path, snapshot);
  const { edits, summary } = editsFor(fix, file.lines);
  let plan: IniEditPlan;
  try {
    plan = planIniEdits(snapshot.text, edits);
  } catch (error) {
    if (error instanceof IniEditError) throw new ProfileFixError('refused', error.message);
    throw error;
  }
  return {
    file: fix.file,
    path: file.path,
    hash: snapshot.exists ? snapshot.hash : missingFileHash,
    edits,
    plan,
    summary,
    diff: diffOf(snapshot.text, plan),
    undo: undoOf(fix, file.lines),
    mode: null,
  };
}

const ownerOnlyMode = 0o600;

/**
 * Takes group and other permissions away from a file that holds secrets: same text, mode
 * 0600. Nothing to undo is offered: giving other users the secrets back is not a fix.
 */
function planOwnerOnly(kind: AwsFileKind, path: string, snapshot: AwsFileSnapshot): PlannedFix {
  if (!snapshot.exists || snapshot.mode === null) throw new ProfileFixError('refused', `${path} has no permissions to tighten here.`);
  if ((snapshot.mode & 0o077) === 0) throw new ProfileFixError('conflict', `${path} is already readable by you only; reload the list.`);
  const octal = (mode: number) => (mode & 0o777).toString(8).padStart(3, '0');
  return {
    file: kind,
    path,
    hash: snapshot.hash,
    edits: [],
    plan: planIniEdits(snapshot.text, []),
    summary: `Make ${path} readable and writable by you only: mode ${octal(snapshot.mode)} → ${octal(ownerOnlyMode)}. Its text stays as it is; other users on this machine can no longer read the secrets in it.`,
    diff: [],
    undo: null,
    mode: ownerOnlyMode,
  };
}
