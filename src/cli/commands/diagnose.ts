import { diagnose } from '../../core/diagnosis/diagnose';
import { defaultProbes } from '../../core/probes';
import { reportToJson } from '../../core/diagnosis/export';
import type { DiagnosisReport } from '../../shared/model/diagnosis';
import { exitCodes, parseOptions, UsageError, type CliCommand } from '../io';
import { keyLookUpExtras, offerKeyLookUp, renderKeyLookUp } from '../key-look-up';
import { terminalLineReader, type LineReader } from '../line-reader';
import { ProgressDisplay } from '../progress';
import { renderReport } from '../render';

/** The exit code a report means: 1 when any cause was named, 2 when checks could not finish, else 0. */
export function exitCodeOf(report: DiagnosisReport): number {
  if (report.causes.length > 0) return exitCodes.problems;
  if (report.cancelled || report.steps.at(-1)?.status === 'unknown') return exitCodes.error;
  return exitCodes.ok;
}

const usage = `Usage: mdb-doctor diagnose [--profile P] [--cluster NAME] [--region R] [--user U] [--sign-in password|iam] [--timeout S] [--look-up-with P] [--json]

Runs every check for one profile (default: AWS_PROFILE, else "default"; environment
credentials count as the SDK counts them) and names the cause of what fails.
  --sign-in  how your client signs in to the cluster (password or iam), so a mismatch
           with the cluster user's authentication type is named as the cause
  --timeout  seconds for the whole diagnosis (default 15); past it the diagnosis ends with
           what it has and names the endpoint (and the setting it came from) that did not answer
  --look-up-with P  when AWS refuses the key id (Inactive and deleted keys look the same),
           look it up in IAM with profile P's credentials, read-only (sts:GetCallerIdentity,
           sts:GetAccessKeyInfo, iam:GetAccessKeyLastUsed, iam:ListAccessKeys); on a terminal
           the diagnosis offers a profile of the same account and asks first
  --json   print one JSON object: {profile, rootCause, causes, steps, target, probes,
           cancelled, startedAt, durationMs}; see src/cli/JSON-OUTPUT.md. Secrets are redacted
Exit codes: 0 no problem found, 1 problems found, 2 could not run.`;

/** Builds the command with a given way to ask questions (tests script the answers). */
export function createDiagnoseCommand(readLine: LineReader = terminalLineReader): CliCommand {
  return {
    name: 'diagnose',
    usage,
    async run(argv, io) {
      const values = parseOptions(argv, {
        profile: { type: 'string' },
        cluster: { type: 'string' },
        region: { type: 'string' },
        user: { type: 'string' },
        'sign-in': { type: 'string' },
        timeout: { type: 'string' },
        'look-up-with': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      });
      if (values.help) {
        io.stdout.write(`${usage}\n`);
        return exitCodes.ok;
      }
      for (const key of ['profile', 'cluster', 'region', 'user', 'look-up-with'] as const) {
        if (values[key] !== undefined && values[key].trim() === '') throw new UsageError(`--${key} needs a value.`);
      }
      const signIn = values['sign-in'];
      if (signIn !== undefined && signIn !== 'password' && signIn !== 'iam') throw new UsageError('--sign-in is password or iam.');
      const timeout = values.timeout === undefined ? 15 : Number(values.timeout);
      if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError('--timeout is a number of seconds greater than 0.');
      const progress = new ProgressDisplay(io.stderr);
      const { report } = await diagnose(
        io.host,
        { profile: values.profile, cluster: values.cluster, region: values.region, user: values.user, ...(signIn !== undefined ? { signIn } : {}) },
        { probes: defaultProbes, signal: io.signal, deadlineMs: timeout * 1000, onProgress: values.json ? undefined : progress.onProgress },
      );
      progress.finish();
      const step = await offerKeyLookUp(
        report,
        { profile: values.profile, lookUpWith: values['look-up-with'], mayAsk: !values.json && io.stdout.isTTY, argv },
        io,
        readLine,
      );
      io.stdout.write(values.json ? reportToJson({ ...step.report, ...keyLookUpExtras(step) }) : `${renderReport(step.report)}${renderKeyLookUp(step)}`);
      if (step.note) io.stderr.write(`${step.note}\n`);
      return exitCodeOf(step.report);
    },
  };
}

/** `mdb-doctor diagnose`. */
export const diagnoseCommand: CliCommand = createDiagnoseCommand();
