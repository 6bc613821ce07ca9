import { explainError, type Explanation } from '../../shared/explain/explain-error';
import { exitCodes, parseOptionsAndWords, UsageError, type CliCommand } from '../io';

const usage = `Usage: mdb-doctor explain "<error text>" [--json]
       <command> 2>&1 | mdb-doctor explain -

Reads an error message as your program printed it (AWS CLI, an SDK, Terraform, a Redis client;
one line or a whole log) and says which credentials errors it contains, the causes that produce
them (most likely first) and what a diagnosis checks to tell them apart. Nothing is sent anywhere.
  -        read the text from standard input
  --json   print {recognised, causes, checks, needsCluster}
Exit code: 0 (also when the text holds no error this tool knows); 2 for bad arguments.`;

/** `mdb-doctor explain`: from an error message in hand to the causes behind it. */
export const explainCommand: CliCommand = {
  name: 'explain',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseOptionsAndWords(argv, {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return exitCodes.ok;
    }
    const text = positionals.length === 1 && positionals[0] === '-' ? await io.readStdin?.() : positionals.join(' ');
    if (!text || text.trim() === '') throw new UsageError('Give the error text as an argument (in quotes), or - to read it from standard input.');
    const explanation = explainError(text);
    io.stdout.write(values.json ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplanation(explanation));
    return exitCodes.ok;
  },
};

/** The explanation as a person reads it in a terminal: the errors, the causes in order, then what to run. */
function renderExplanation(explanation: Explanation): string {
  if (explanation.recognised.length === 0) {
    return [
      'This is not a credentials error we know.',
      'It names none of the errors AWS, the SDKs or the cluster give for credentials, regions, permissions or sign-in',
      '(InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken, AccessDenied, WRONGPASS, ...).',
      'A diagnosis still checks everything that can stop MemoryDB from accepting you:',
      '  mdb-doctor diagnose --profile <profile>',
      '',
    ].join('\n');
  }
  const lines: string[] = [];
  for (const error of explanation.recognised) {
    lines.push(`${error.name}: ${error.meaning}`, `  found in: ${error.line}`);
  }
  lines.push('', 'Causes that produce it, most likely first:');
  explanation.causes.forEach((cause, index) => lines.push(`  ${index + 1}. ${cause.meaning}  [${cause.id}]`));
  lines.push('', 'What the diagnosis checks to tell them apart:');
  for (const check of explanation.checks) lines.push(`  - ${check}`);
  const command = explanation.needsCluster
    ? 'mdb-doctor diagnose --profile <profile> --cluster <cluster> --user <user>'
    : 'mdb-doctor diagnose --profile <profile>';
  lines.push('', `Run it: ${command}`, '');
  return lines.join('\n');
}
