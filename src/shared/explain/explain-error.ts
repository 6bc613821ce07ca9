import { causeCatalogue, type CauseId } from '../model/causes';
import { errorSignatures, type ErrorSignature } from './error-signatures';

/** One error recognised in the pasted text. */
export interface RecognisedError {
  name: string;
  meaning: string;
  /** The line it was found on, trimmed and cut to a readable length. */
  line: string;
  checks: readonly string[];
  needs?: 'cluster';
}

/** A cause the recognised errors point at, most likely first. */
export interface LikelyCause {
  id: CauseId;
  meaning: string;
  /** Names of the recognised errors that this cause produces. */
  producedBy: string[];
}

/** What `explainError` found: the errors it knows, the causes behind them, and what a diagnosis will check. */
export interface Explanation {
  recognised: RecognisedError[];
  causes: LikelyCause[];
  checks: string[];
  /** True when any recognised error is a cluster sign-in error: the diagnosis needs the cluster and user. */
  needsCluster: boolean;
}

// Pasted output can be a whole log; only the head is worth reading, and regexes stay cheap on it.
const maxTextLength = 64 * 1024;
const maxLineLength = 200;

/**
 * Reads an error message as a user pasted it (SDK, AWS CLI, Terraform or Redis client output,
 * one line or many) and says which known errors it contains, which causes produce them in order
 * of likelihood, and what the diagnosis checks. Text it does not know yields an empty explanation.
 */
export function explainError(text: string): Explanation {
  const lines = text.slice(0, maxTextLength).split(/\r?\n/);
  const found: { signature: ErrorSignature; line: string; position: number }[] = [];
  lines.forEach((line, index) => {
    for (const signature of errorSignatures) {
      if (found.some((entry) => entry.signature === signature)) continue;
      if (signature.patterns.some((pattern) => pattern.test(line))) found.push({ signature, line: shorten(line.trim()), position: index });
    }
  });
  const superseded = new Set(found.flatMap((entry) => entry.signature.supersedes ?? []));
  const kept = found.filter((entry) => !superseded.has(entry.signature.name)).sort((a, b) => a.position - b.position);

  return {
    recognised: kept.map(({ signature, line }) => ({
      name: signature.name,
      meaning: signature.meaning,
      line,
      checks: signature.checks,
      ...(signature.needs ? { needs: signature.needs } : {}),
    })),
    causes: rankLikelyCauses(kept.map((entry) => entry.signature)),
    checks: [...new Set(kept.flatMap((entry) => entry.signature.checks))],
    needsCluster: kept.some((entry) => entry.signature.needs === 'cluster'),
  };
}

/**
 * Orders the causes of several errors: a cause high in one error's list, or produced by more
 * than one of the errors, is more likely; ties go to the catalogue's root-cause order.
 */
function rankLikelyCauses(signatures: readonly ErrorSignature[]): LikelyCause[] {
  const scores = new Map<CauseId, { score: number; producedBy: string[] }>();
  for (const signature of signatures) {
    signature.causes.forEach((id, index) => {
      const entry = scores.get(id) ?? { score: 0, producedBy: [] };
      entry.score += (signature.causes.length - index) / signature.causes.length;
      entry.producedBy.push(signature.name);
      scores.set(id, entry);
    });
  }
  return [...scores.entries()]
    .sort(([idA, a], [idB, b]) => b.score - a.score || causeCatalogue[idA].rank - causeCatalogue[idB].rank)
    .map(([id, entry]) => ({ id, meaning: causeCatalogue[id].meaning, producedBy: entry.producedBy }));
}

// The line is echoed back (to a terminal, a page, a report): never with a key id or a secret in it.
const keyIdPattern = /\b((?:AKIA|ASIA)[A-Z0-9]{2})[A-Z0-9]{10}([A-Z0-9]{4})\b/g;
const secretLikePattern = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

function shorten(line: string): string {
  const masked = line.replace(keyIdPattern, '$1…$2').replace(secretLikePattern, '[secret removed]');
  return masked.length <= maxLineLength ? masked : `${masked.slice(0, maxLineLength - 1)}…`;
}
