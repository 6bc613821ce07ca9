import { commands } from './commands/index';
import { exitCodes, UsageError, type CliIo } from './io';

function overview(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'Usage: mdb-doctor <command> [options]   (mdb-doctor <command> --help for its options)',
    '',
    'Finds why Amazon MemoryDB rejects your AWS credentials, with the evidence.',
    '',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Exit codes: 0 no problem found, 1 problems found, 2 could not run.',
  ].join('\n');
}

/**
 * Runs one command line and returns its exit code. Bad arguments print the command's
 * usage; an unexpected failure prints its message (never a stack) and exits 2.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${overview()}\n`);
    return name === undefined ? exitCodes.error : exitCodes.ok;
  }
  const entry = commands.find((candidate) => candidate.name === name);
  if (!entry) {
    io.stderr.write(`Unknown command "${name}".\n\n${overview()}\n`);
    return exitCodes.error;
  }
  const command = await entry.load();
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\n${command.usage}\n`);
      return exitCodes.error;
    }
    io.stderr.write(`mdb-doctor ${name} could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.error;
  }
}
