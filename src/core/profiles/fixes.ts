import type { AwsFileKind, Finding, ProfileFix } from '../../shared/model/finding';
import type { FixDiffLine } from '../../shared/model/profile';
import { canonicalSectionName, iniMapFromScan, scanIniText, type IniLineInfo } from '../aws-files/ini-lines';
import { IniEditError, planIniEdits, sectionHeaderFor, type IniEdit, type IniEditPlan } from '../aws-files/ini-edit';
import { missingFileHash } from '../aws-files/read-aws-file';
import { cleanValue } from './file-findings';
import { maskedKeys, maskLine, secretKeys } from './mask';
import type { ProfileSet } from './types';

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
}

/** What the renderer may ask for: a finding's own fix by its key, or an explicit non-secret edit. */
export interface FixSelector {
  profile: string;
  findingKey?: string;
  fix?: ProfileFix;
}

function findFinding(set: ProfileSet, profile: string, key: string): Finding {
  const owner = set.profiles.find((candidate) => candidate.name === profile);
  const found = [...(owner?.findings ?? []), ...set.findings].find((finding) => finding.key === key);
  if (!found) throw new ProfileFixError('conflict', 'That finding is no longer there: the files changed since they were read. Reload and try again.');
  if (!found.fix) throw new ProfileFixError('refused', `Finding ${found.id} has no automatic fix; follow its hint instead.`);
  return found;
}

/** Explicit fixes from the renderer may only set or remove non-secret settings of the named profile. */
function checkExplicitFix(fix: ProfileFix, profile: string): void {
  if (fix.kind !== 'set-value' && fix.kind !== 'remove-key')
    throw new ProfileFixError('refused', 'Only set-value and remove-key fixes can be requested directly.');
  if (secretKeys.has(fix.key.toLowerCase()) || maskedKeys.has(fix.key.toLowerCase())) {
    throw new ProfileFixError('refused', 'Credentials are changed only by key rotation, never by a direct fix request.');
  }
  if (canonicalSectionName(fix.section) !== canonicalSectionName(sectionHeaderFor(fix.file, profile))) {
    throw new ProfileFixError('refused', `The fix edits [${fix.section}], which is not profile ${profile}'s section in the ${fix.file} file.`);
  }
}

function currentValue(lines: readonly IniLineInfo[], section: string, key: string): string {
  const canonical = canonicalSectionName(section);
  const map = iniMapFromScan(lines);
  const value = canonical !== undefined && Object.hasOwn(map, canonical) ? map[canonical]![key] : undefined;
  if (value === undefined) throw new ProfileFixError('conflict', `${key} is no longer set in [${section}]; reload and try again.`);
  return value;
}

function editsFor(fix: ProfileFix, lines: readonly IniLineInfo[]): { edits: IniEdit[]; summary: string } {
  switch (fix.kind) {
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
  if (selector.findingKey !== undefined) {
    fix = findFinding(set, selector.profile, selector.findingKey).fix!;
  } else if (selector.fix !== undefined) {
    checkExplicitFix(selector.fix, selector.profile);
    fix = selector.fix;
  } else {
    throw new ProfileFixError('refused', 'Name a finding or a fix.');
  }
  const file = fix.file === 'credentials' ? set.files.credentialsFile : set.files.configFile;
  if (file.error) throw new ProfileFixError('refused', `The ${fix.file} file cannot be edited: ${file.error.message}`);
  const snapshot = file.snapshot!;
  const { edits, summary } = editsFor(fix, file.lines);
  let plan: IniEditPlan;
  try {
    plan = planIniEdits(snapshot.text, edits);
  } catch (error) {
    if (error instanceof IniEditError) throw new ProfileFixError('refused', error.message);
    throw error;
  }
  return { file: fix.file, path: file.path, hash: snapshot.exists ? snapshot.hash : missingFileHash, edits, plan, summary, diff: diffOf(snapshot.text, plan) };
}
