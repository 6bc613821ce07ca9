import { randomUUID } from 'node:crypto';
import type { DiagnosisReport, Fix } from '../../shared/model/diagnosis';
import type { ProfileFix } from '../../shared/model/finding';
import { sectionHeaderFor } from '../../core/aws-files/ini-edit';

/** Where a kept proposal came from: the profile's latest diagnosis, or the undo of a fix just applied. */
type ProposalSource = 'diagnosis' | 'undo';

interface Proposal {
  source: ProposalSource;
  fix: ProfileFix;
}

/** Profiles whose proposals are kept at once; the oldest profile's go first. */
const keptProfiles = 50;

/**
 * The file fixes the core proposed outside a profile scan, kept in main by id: the set-value
 * fixes of each profile's latest diagnosis, and the undo of each applied fix. The page can
 * apply only what is here (or a finding's own fix), by id; it never names an edit itself.
 */
export class FixProposals {
  private readonly byProfile = new Map<string, Map<string, Proposal>>();

  /** Replaces a profile's diagnosis proposals with the set-value fixes of its latest report. */
  fromReport(report: DiagnosisReport): void {
    const fixes = [...report.causes.flatMap((cause) => cause.fixes), ...report.probes.flatMap((probe) => probe.fixes)];
    const kept = this.profile(report.profile);
    for (const [id, proposal] of kept) if (proposal.source === 'diagnosis') kept.delete(id);
    for (const fix of fixes) {
      if (fix.kind !== 'set-value' || fix.profile !== report.profile) continue;
      kept.set(fix.id, { source: 'diagnosis', fix: toProfileFix(fix) });
    }
  }

  /** Keeps the undo of a fix just applied to `profile`; returns its id. Older undos of the profile go. */
  keepUndo(profile: string, fix: ProfileFix): string {
    const kept = this.profile(profile);
    for (const [id, proposal] of kept) if (proposal.source === 'undo') kept.delete(id);
    const id = `undo:${randomUUID()}`;
    kept.set(id, { source: 'undo', fix });
    return id;
  }

  /** The proposal `id` for `profile`, or null when main never proposed it for that profile. */
  find(profile: string, id: string): ProfileFix | null {
    return this.byProfile.get(profile)?.get(id)?.fix ?? null;
  }

  /** Forgets a proposal once applied, so an undo cannot be replayed. */
  forget(profile: string, id: string): void {
    this.byProfile.get(profile)?.delete(id);
  }

  private profile(name: string): Map<string, Proposal> {
    let kept = this.byProfile.get(name);
    if (!kept) {
      kept = new Map();
      this.byProfile.set(name, kept);
      while (this.byProfile.size > keptProfiles) this.byProfile.delete(this.byProfile.keys().next().value as string);
    }
    return kept;
  }
}

/** A diagnosis's set-value fix as the edit of the profile's own section in that file. */
function toProfileFix(fix: Extract<Fix, { kind: 'set-value' }>): ProfileFix {
  return { kind: 'set-value', file: fix.file, section: sectionHeaderFor(fix.file, fix.profile), key: fix.key, value: fix.value };
}
