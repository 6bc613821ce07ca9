import { keyLookUpCandidates } from '../core/key-lookup/candidates';
import { applyKeyLookUp } from '../shared/model/key-lookup';
import { keyLookUpCalls, lookUpRefusedKey } from '../core/key-lookup/look-up';
import type { DiagnosisReport } from '../shared/model/diagnosis';
import type { KeyLookUpCandidate, KeyLookUpResult } from '../shared/model/key-lookup';
import type { CliIo } from './io';
import type { LineReader } from './line-reader';
import { fixText } from './render';

/** How the diagnose command was asked to treat a refused key. */
export interface KeyLookUpChoice {
  /** The profile as given on the command line (absent: the SDK's own choice). */
  profile: string | undefined;
  /** --look-up-with: use this profile without asking. */
  lookUpWith: string | undefined;
  /** May the person at the terminal be asked (a terminal, and not --json)? */
  mayAsk: boolean;
  /** The command line as typed after `diagnose`, to print the one that would do the lookup. */
  argv: readonly string[];
}

/** A lookup not asked for: the profile that could do it and the command that would. */
export interface KeyLookUpOffer extends KeyLookUpCandidate {
  command: string;
}

/** What the lookup changed, or what it could do. */
export interface KeyLookUpStep {
  report: DiagnosisReport;
  lookUp: KeyLookUpResult | null;
  offer: KeyLookUpOffer | null;
  /** Why --look-up-with did nothing, for stderr. */
  note: string | null;
}

const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/**
 * After a diagnosis whose causes include credentials.key-rejected: with --look-up-with, look
 * the refused key up in IAM with that profile; on a terminal, offer the most likely other
 * profile and ask first (nothing is sent with its credentials unless the answer is yes);
 * otherwise say which command would do it. The report comes back updated by what IAM said.
 */
export async function offerKeyLookUp(report: DiagnosisReport, choice: KeyLookUpChoice, io: CliIo, readLine: LineReader): Promise<KeyLookUpStep> {
  const unchanged: KeyLookUpStep = { report, lookUp: null, offer: null, note: null };
  if (!report.causes.some((cause) => cause.id === 'credentials.key-rejected')) {
    return choice.lookUpWith === undefined
      ? unchanged
      : { ...unchanged, note: `--look-up-with ${choice.lookUpWith}: nothing to look up, AWS did not refuse the key id.` };
  }
  const run = async (helperProfile: string): Promise<KeyLookUpStep> => {
    const lookUp = await lookUpRefusedKey(io.host, { refusedProfile: choice.profile, helperProfile }, { signal: io.signal });
    return { ...unchanged, report: applyKeyLookUp(report, lookUp), lookUp };
  };
  if (choice.lookUpWith !== undefined) return run(choice.lookUpWith);
  const [candidate] = await keyLookUpCandidates(io.host, choice.profile);
  if (!candidate) return unchanged;
  const account = candidate.sameAccount ? 'same account' : 'may be another account';
  if (choice.mayAsk) {
    const answer = await readLine(
      `AWS refuses the key like a deleted one whether it is Inactive or deleted. Use profile ${candidate.profile} (${account}) to look the refused key up in IAM? Read-only: ${keyLookUpCalls.join(', ')} [y/N] `,
    );
    if (answer !== null) return /^y(es)?$/i.test(answer.trim()) ? run(candidate.profile) : unchanged;
  }
  const command = ['mdb-doctor', 'diagnose', ...choice.argv, '--look-up-with', candidate.profile].map(shellWord).join(' ');
  return { ...unchanged, offer: { ...candidate, command } };
}

/**
 * What the report does not say as terminal text: a lookup that could not tell (one that named a
 * cause is in the report), or the command that would look the key up.
 */
export function renderKeyLookUp(step: KeyLookUpStep): string {
  const lines: string[] = [];
  const { lookUp, offer } = step;
  if (lookUp && !lookUp.cause) {
    lines.push(`IAM lookup of ${lookUp.maskedKeyId ?? 'the key'} with profile ${lookUp.helperProfile}: ${lookUp.summary}`);
    for (const fix of lookUp.fixes) lines.push(...fixText(fix).map((line, at) => `${at === 0 ? '  - ' : '    '}${line}`));
  }
  if (offer) {
    const account = offer.sameAccount ? 'same account' : offer.reason;
    lines.push(
      `Inactive or deleted? Profile ${offer.profile} (${account}) could look the refused key up in IAM, read-only (${keyLookUpCalls.join(', ')}):`,
      `    ${offer.command}`,
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The lookup or the offer as --json extras (`keyLookUp`, `keyLookUpOffer`; src/cli/JSON-OUTPUT.md). */
export function keyLookUpExtras(step: KeyLookUpStep): Record<string, unknown> {
  return { ...(step.lookUp ? { keyLookUp: step.lookUp } : {}), ...(step.offer ? { keyLookUpOffer: step.offer } : {}) };
}
