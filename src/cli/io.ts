import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { HostEnvironment } from '../core/host';

/** Where a command writes: a stream with a TTY flag (progress is drawn only on a terminal). */
export interface OutputPort {
  write(text: string): void;
  isTTY: boolean;
}

/** Everything a command needs from its process, injected so tests call commands directly. */
export interface CliIo {
  stdout: OutputPort;
  stderr: OutputPort;
  host: HostEnvironment;
  /** Fires on Ctrl-C: a running diagnosis cancels its outstanding calls. */
  signal: AbortSignal;
  /** Resolves when a long-running command (sim) should stop. */
  stopSignal: Promise<unknown>;
  cwd: string;
  /** The whole of standard input when it is not a terminal (`mdb-doctor explain -`); null on a terminal. */
  readStdin?: () => Promise<string | null>;
}

/** Exit codes (docs/diagnosis.md): no problem found, problems found, could not run. */
export const exitCodes = { ok: 0, problems: 1, error: 2 } as const;

/** One `mdb-doctor` subcommand; the registry in commands/index.ts lists them. */
export interface CliCommand {
  name: string;
  usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/**
 * A registry entry: what `--help` lists, plus how to load the command. The command's code
 * (and the AWS clients it pulls in) loads only when that command runs, so help starts fast.
 */
export interface CliCommandEntry {
  name: string;
  /** One line for the command list. */
  summary: string;
  load(): Promise<CliCommand>;
}

/** Thrown for bad arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

// node:util's parseArgs throws on an unknown or malformed option: that is the user's mistake, said with the usage.
function asUsageError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Parses a command's options strictly (no positionals); a bad option becomes a UsageError. */
export function parseOptions<const Options extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: Options) {
  return asUsageError(() => parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values);
}

/** Parses a command's options strictly and keeps its positional words (`explain "<text>"`); a bad option becomes a UsageError. */
export function parseOptionsAndWords<const Options extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: Options) {
  return asUsageError(() => parseArgs({ args: [...argv], options, strict: true, allowPositionals: true }));
}
