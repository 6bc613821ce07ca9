import { diagnose } from '../../core/diagnosis/diagnose';
import { defaultProbes } from '../../core/probes';
import { hostForPreset, presetRequest, startPresetSession, UnknownPresetError, type PresetSession } from '../../demo/preset-session';
import { exitCodes, parseOptions, UsageError, type CliCommand } from '../io';

const usage = `Usage: mdb-doctor demo [--preset NAME ...] [--json]

Starts the local AWS simulator with its scenario presets, diagnoses each preset's profile
and shows the cause it was built to have next to the cause found. Needs no AWS account.
Exit code 0 when every expected cause is found, 1 otherwise.`;

/** One demo row. */
export interface DemoRow {
  preset: string;
  description: string;
  expected: string | null;
  found: string | null;
  match: boolean;
  ms: number;
}

/** `mdb-doctor demo`. */
export const demoCommand: CliCommand = {
  name: 'demo',
  usage,
  async run(argv, io) {
    const values = parseOptions(argv, {
      preset: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return exitCodes.ok;
    }
    let session: PresetSession;
    try {
      session = await startPresetSession({ only: values.preset, prefix: 'mdb-doctor-demo-' });
    } catch (error) {
      throw error instanceof UnknownPresetError ? new UsageError(error.message) : error;
    }
    const { sim, folder } = session;
    try {
      if (!values.json) io.stdout.write(`Simulator at ${sim.endpoint}; profiles in ${folder.configFile}\n\n`);
      const rows: DemoRow[] = [];
      for (const entry of folder.presets) {
        if (io.signal.aborted) break;
        const began = performance.now();
        const { report } = await diagnose(hostForPreset(folder, entry, io.host), presetRequest(entry), { probes: defaultProbes, signal: io.signal });
        const row: DemoRow = {
          preset: entry.preset,
          description: entry.description,
          expected: entry.expectedRootCause,
          found: report.rootCause,
          match: report.rootCause === entry.expectedRootCause,
          ms: Math.round(performance.now() - began),
        };
        rows.push(row);
        if (!values.json)
          io.stdout.write(
            `${row.match ? '✔' : '✖'} ${row.preset.padEnd(20)} expected ${String(row.expected).padEnd(28)} found ${String(row.found).padEnd(28)} ${row.ms} ms\n`,
          );
      }
      const matched = rows.filter((row) => row.match).length;
      if (values.json) io.stdout.write(`${JSON.stringify({ endpoint: sim.endpoint, rows }, null, 2)}\n`);
      else io.stdout.write(`\n${matched} of ${rows.length} presets diagnosed as expected.\n`);
      return matched === rows.length ? exitCodes.ok : exitCodes.problems;
    } finally {
      await session.close();
    }
  },
};
