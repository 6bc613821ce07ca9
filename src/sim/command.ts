import { resolve } from 'node:path';
import { startSimulator, type RunningSimulator } from './index';
import { writePresets } from './presets';

/** Where the command writes and how it is told to stop; the CLI passes process streams and signals. */
export interface SimCommandIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Resolves when the process should stop (SIGINT / SIGTERM). */
  stopSignal: Promise<unknown>;
  cwd: string;
}

const USAGE = 'Usage: sim --out DIR [--port P] [--preset NAME ...] [--latency-ms N] [--throttle N] [--fault-rate R] [--propagation-ms N] [--non-aws]';

interface SimArgs {
  out: string;
  port?: number;
  presets?: string[];
  latencyMs?: number;
  throttlePerSecond?: number;
  faultRate?: number;
  propagationDelayMs?: number;
  nonAws?: boolean;
}

function parseArgs(argv: readonly string[]): SimArgs | string {
  const args: Partial<SimArgs> = {};
  const numberFlags: Record<string, keyof SimArgs> = {
    '--port': 'port',
    '--latency-ms': 'latencyMs',
    '--throttle': 'throttlePerSecond',
    '--fault-rate': 'faultRate',
    '--propagation-ms': 'propagationDelayMs',
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--non-aws') {
      args.nonAws = true;
      continue;
    }
    if (flag === '--help' || flag === '-h') return USAGE;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) return `${flag} needs a value. ${USAGE}`;
    i++;
    if (flag === '--out') args.out = value;
    else if (flag === '--preset') args.presets = [...(args.presets ?? []), value];
    else if (numberFlags[flag]) {
      const number = Number(value);
      if (!Number.isFinite(number) || number < 0) return `${flag} must be a non-negative number, got "${value}".`;
      if (flag === '--port' && (!Number.isInteger(number) || number > 65535)) return `--port must be an integer 0-65535, got "${value}".`;
      (args as Record<string, unknown>)[numberFlags[flag]!] = number;
    } else return `Unknown option ${flag}. ${USAGE}`;
  }
  if (!args.out) return `--out DIR is required. ${USAGE}`;
  return args as SimArgs;
}

/**
 * Runs the simulator in the foreground: writes every preset to --out, prints one JSON line
 * `{"endpoint","dir","presets"}` on stdout once it serves, instructions on stderr, and stops
 * when `io.stopSignal` resolves. Resolves to the process exit code.
 */
export async function runSimCommand(argv: readonly string[], io: SimCommandIo): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(args);
    return args === USAGE ? 0 : 2;
  }
  let sim: RunningSimulator;
  try {
    sim = await startSimulator({
      ...(args.port !== undefined ? { port: args.port } : {}),
      ...(args.latencyMs !== undefined ? { latencyMs: args.latencyMs } : {}),
      ...(args.throttlePerSecond !== undefined ? { throttlePerSecond: args.throttlePerSecond } : {}),
      ...(args.faultRate !== undefined ? { faultRate: args.faultRate } : {}),
      ...(args.propagationDelayMs !== undefined ? { propagationDelayMs: args.propagationDelayMs } : {}),
      ...(args.nonAws ? { nonAws: true } : {}),
    });
  } catch (error) {
    io.stderr(`Could not start the simulator: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  try {
    const dir = resolve(io.cwd, args.out);
    const folder = await writePresets(dir, sim, args.presets);
    io.stdout(JSON.stringify({ endpoint: sim.endpoint, dir, presets: folder.presets }));
    io.stderr(
      [
        `AWS simulator listening on ${sim.endpoint} with ${folder.presets.length} preset profiles.`,
        'Point the AWS CLI or SDK at it:',
        `  export AWS_CONFIG_FILE=${folder.configFile}`,
        `  export AWS_SHARED_CREDENTIALS_FILE=${folder.credentialsFile}`,
        '  export AWS_EC2_METADATA_DISABLED=true',
        `  aws sts get-caller-identity --profile ${folder.presets[0]?.profile ?? 'good'}`,
        `Profiles: ${folder.presets.map((p) => p.profile).join(', ')} (expected causes in ${dir}/presets.json).`,
        'Press Ctrl+C to stop.',
      ].join('\n'),
    );
    await io.stopSignal;
    return 0;
  } catch (error) {
    io.stderr(`Simulator failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await sim.stop();
  }
}
