import { runSimCommand } from './command';

/** `npm run sim -- --out DIR [--port P]`: the simulator in the foreground until SIGINT / SIGTERM. */
const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});

void runSimCommand(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  stopSignal,
  cwd: process.cwd(),
}).then((code) => process.exit(code));
