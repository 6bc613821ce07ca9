import type { RotationResult } from '../../core/rotation/machine';
import type { RotationPrompts, RotationProgress } from '../../core/rotation/ports';
import { findUnfinishedRotations, recoverRotation, RecoveryError } from '../../core/rotation/recover';
import { runRotation } from '../../core/rotation/rotate';
import { createRotationDeps } from '../../core/rotation/rotation-deps';
import { oldKeyDecisionWords, type DeleteOldChoice, type RotationQuestion } from '../../shared/model/rotation';
import { exitCodes, parseOptions, UsageError, type CliCommand, type CliIo } from '../io';
import { terminalLineReader, type LineReader } from '../line-reader';

const usage = `Usage: mdb-doctor rotate --profile P [--delete-old | --keep-old | --grace-days N] [--delete-other-key] [--only-this-profile] [--yes] [--mfa-code CODE] [--json]
       mdb-doctor rotate --recover [--finish ID | --undo ID] [--yes] [--json]

Rotates the IAM user access key of profile P in the credentials file (docs/rotation.md):
creates a new key, backs the file up and writes the new key, checks it works, then
deactivates the old key using the new one. At every step the file holds a working key.
  --keep-old          keep the old key, inactive (default; AWS recommends deleting it later)
  --delete-old        delete the old key once the new one works (asks first unless --yes)
  --grace-days N      offer to delete the old key after N days (see --recover)
  --only-this-profile do not update other profiles in the file that hold the same key
                      (they stop working once the old key is deactivated)
  --delete-other-key  the user already has a second, inactive key: delete it first (asks first unless --yes)
  --yes               answer yes to the confirmations above
  --mfa-code CODE     the current MFA code, when IAM requires MFA (else asked on a terminal)
  --recover           list rotations that did not finish (crash, power loss) and due deletions
  --finish ID / --undo ID   finish or undo one of them
Exit codes: 0 rotated (or nothing to recover), 1 refused or rolled back, 2 failed (see the cleanup commands).`;

function exitCodeOf(result: RotationResult): number {
  switch (result.outcome.result) {
    case 'rotated':
      return result.outcome.leftovers.length > 0 ? exitCodes.problems : exitCodes.ok;
    case 'refused':
    case 'rolled-back':
      return exitCodes.problems;
    case 'failed':
      return exitCodes.error;
  }
}

function prompts(io: CliIo, options: { yes: boolean; mfaCode: string | undefined }, readLine: LineReader): RotationPrompts {
  let mfaCode = options.mfaCode;
  return {
    async confirm(question: RotationQuestion) {
      if (options.yes) return true;
      const answer = await readLine(`${question.message} [y/N] `);
      if (answer === null) io.stderr.write('No terminal to confirm on: pass --yes to agree in advance. Answering no.\n');
      return answer !== null && /^y(es)?$/i.test(answer.trim());
    },
    async mfaCode(request) {
      // A code given on the command line is used once; the next question (a second session) needs a fresh one.
      if (mfaCode !== undefined) {
        const code = mfaCode;
        mfaCode = undefined;
        return code;
      }
      const answer = await readLine(`${request.message}\nMFA code: `);
      if (answer === null) io.stderr.write('IAM requires MFA here and there is no terminal to ask on: pass --mfa-code.\n');
      return answer;
    },
  };
}

function printResult(io: CliIo, result: RotationResult, json: boolean): void {
  if (json) {
    io.stdout.write(`${JSON.stringify({ ...result.outcome, cleanupCommands: result.cleanupCommands }, null, 2)}\n`);
    return;
  }
  const o = result.outcome;
  const lines = [o.message];
  if (o.maskedNewKeyId && o.result === 'rotated') lines.push(`New key: ${o.maskedNewKeyId}`);
  // The same words as the page's timeline: what happened to the old key, never "done" for a key that was kept.
  if (o.oldKeyDecision && o.maskedOldKeyId) lines.push(`${oldKeyDecisionWords[o.oldKeyDecision]}: ${o.maskedOldKeyId}`);
  if (o.fileHoldsMaskedKeyId) lines.push(`The credentials file holds: ${o.fileHoldsMaskedKeyId}`);
  if (o.backupPath) lines.push(`Backup of the previous file: ${o.backupPath}`);
  if (o.updatedProfiles.length > 0) lines.push(`Also updated (same key): ${o.updatedProfiles.join(', ')}`);
  if (result.cleanupCommands.length > 0) {
    lines.push('', 'Left in IAM, and the command that cleans it up:');
    o.leftovers.forEach((leftover, index) =>
      lines.push(`  - ${leftover.maskedKeyId} (${leftover.status}): ${leftover.note}`, `    ${result.cleanupCommands[index]}`),
    );
  }
  io.stdout.write(`${lines.join('\n')}\n`);
}

function progressPrinter(io: CliIo, json: boolean): (progress: RotationProgress) => void {
  return (progress) => {
    if (json || progress.state === 'awaiting-confirmation' || progress.state === 'awaiting-mfa') return;
    io.stderr.write(`  · ${progress.message}\n`);
  };
}

/** Builds the command with a given way to ask questions (tests script the answers). */
export function createRotateCommand(readLine: LineReader = terminalLineReader): CliCommand {
  return {
    name: 'rotate',
    usage,
    async run(argv, io) {
      const values = parseOptions(argv, {
        profile: { type: 'string' },
        'delete-old': { type: 'boolean', default: false },
        'keep-old': { type: 'boolean', default: false },
        'grace-days': { type: 'string' },
        'delete-other-key': { type: 'boolean', default: false },
        'only-this-profile': { type: 'boolean', default: false },
        yes: { type: 'boolean', short: 'y', default: false },
        'mfa-code': { type: 'string' },
        recover: { type: 'boolean', default: false },
        finish: { type: 'string' },
        undo: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      });
      if (values.help) {
        io.stdout.write(`${usage}\n`);
        return exitCodes.ok;
      }
      const mfaCode = values['mfa-code'];
      if (mfaCode !== undefined && !/^\d{6}$/.test(mfaCode)) throw new UsageError('--mfa-code takes the six digits your MFA device shows.');
      const deps = createRotationDeps({
        host: io.host,
        prompts: prompts(io, { yes: values.yes, mfaCode }, readLine),
        emit: progressPrinter(io, values.json),
        signal: io.signal,
      });

      if (values.recover || values.finish !== undefined || values.undo !== undefined) {
        if (values.finish !== undefined && values.undo !== undefined) throw new UsageError('Choose one of --finish and --undo.');
        const id = values.finish ?? values.undo;
        if (id === undefined) {
          const unfinished = await findUnfinishedRotations(io.host);
          if (values.json) io.stdout.write(`${JSON.stringify(unfinished, null, 2)}\n`);
          else if (unfinished.length === 0) io.stdout.write('No unfinished rotation.\n');
          else {
            for (const entry of unfinished) {
              io.stdout.write(
                `${entry.journalId}  profile ${entry.profile}, started ${entry.startedAt}, stopped at ${entry.phase}${entry.deletionDue ? ' (deletion due)' : ''}\n` +
                  `    --finish: ${entry.finishMeans}\n    --undo:   ${entry.undoMeans}\n`,
              );
            }
          }
          return exitCodes.ok;
        }
        try {
          const result = await recoverRotation(deps, id, values.finish !== undefined ? 'finish' : 'undo');
          printResult(io, result, values.json);
          return exitCodeOf(result);
        } catch (error) {
          if (error instanceof RecoveryError) {
            io.stderr.write(`${error.message}\n`);
            return exitCodes.error;
          }
          throw error;
        }
      }

      const profile = values.profile?.trim();
      if (!profile) throw new UsageError('--profile is required: name the profile whose key to rotate.');
      const choices = [values['delete-old'], values['keep-old'], values['grace-days'] !== undefined].filter(Boolean).length;
      if (choices > 1) throw new UsageError('Choose one of --delete-old, --keep-old and --grace-days.');
      let deleteOld: DeleteOldChoice = 'no';
      let graceDays: number | undefined;
      if (values['delete-old']) deleteOld = 'now';
      if (values['grace-days'] !== undefined) {
        graceDays = Number(values['grace-days']);
        if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > 365) throw new UsageError('--grace-days takes a whole number of days from 0 to 365.');
        deleteOld = 'after-grace';
      }
      const result = await runRotation(deps, {
        profile,
        deleteOld,
        graceDays,
        otherKeyAction: values['delete-other-key'] ? 'delete' : 'stop',
        updateSharedProfiles: !values['only-this-profile'],
      });
      printResult(io, result, values.json);
      return exitCodeOf(result);
    },
  };
}

/** `mdb-doctor rotate`. */
export const rotateCommand: CliCommand = createRotateCommand();
