import { runSimCommand } from '../../sim/command';
import type { CliCommand } from '../io';

/** `mdb-doctor sim`: the AWS simulator in the foreground (see src/sim/command.ts). */
export const simCommand: CliCommand = {
  name: 'sim',
  usage: 'Usage: mdb-doctor sim --out DIR [--port P] [--preset NAME ...] [--latency-ms N] [--throttle N] [--fault-rate R] [--propagation-ms N] [--non-aws]',
  run(argv, io) {
    return runSimCommand(argv, {
      stdout: (line) => io.stdout.write(`${line}\n`),
      stderr: (line) => io.stderr.write(`${line}\n`),
      stopSignal: io.stopSignal,
      cwd: io.cwd,
    });
  },
};
