import { diagnose } from '../../core/diagnosis/diagnose';
import { applyKeyLookUp } from '../../shared/model/key-lookup';
import { lookUpRefusedKey } from '../../core/key-lookup/look-up';
import { defaultProbes } from '../../core/probes';
import { hostForPreset, presetRequest, startPresetSession, UnknownPresetError, type PresetSession } from '../../demo/preset-session';
import { exitCodes, parseOptions, UsageError, type CliCommand } from '../io';

const usage = `Usage: mdb-doctor demo [--preset NAME ...] [--json]

Starts the local AWS simulator with its scenario presets, diagnoses each preset's profile
and shows the cause it was built to have next to the cause found. Needs no AWS account.
Presets with another profile of the same account also look the refused key up with it
(simulated profiles only) and show the root cause after the lookup.
Exit code 0 when every expected cause is found, 1 otherwise.`;

/** One demo row. */
export interface DemoRow {
  preset: string;
  description: string;
  expected: string | null;
  found: string | null;
  match: boolean;
  ms: number;
  /** Presets with a profile that may look the refused key up: the root cause after that lookup. */
  afterLookUp?: { with: string; expected: string | null; found: string | null };
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
      // Rows are printed as each preset finishes, so the columns are sized up front from the names and expected causes
      // (a cause found instead is the row to look at anyway).
      const nameWidth = Math.max(...folder.presets.map((entry) => entry.preset.length));
      const causeWidth = Math.max(...folder.presets.map((entry) => String(entry.expectedRootCause).length));
      for (const entry of folder.presets) {
        if (io.signal.aborted) break;
        const began = performance.now();
        const host = hostForPreset(folder, entry, io.host);
        const { report } = await diagnose(host, presetRequest(entry), { probes: defaultProbes, signal: io.signal });
        const lookedUp = entry.lookUpWith
          ? applyKeyLookUp(report, await lookUpRefusedKey(host, { refusedProfile: entry.profile, helperProfile: entry.lookUpWith }, { signal: io.signal }))
          : null;
        const afterLookUp = entry.lookUpWith
          ? { with: entry.lookUpWith, expected: entry.expectedAfterLookUp ?? null, found: lookedUp?.rootCause ?? null }
          : undefined;
        const row: DemoRow = {
          preset: entry.preset,
          description: entry.description,
          expected: entry.expectedRootCause,
          found: report.rootCause,
          match: report.rootCause === entry.expectedRootCause && (!afterLookUp || afterLookUp.found === afterLookUp.expected),
          ms: Math.round(performance.now() - began),
          ...(afterLookUp ? { afterLookUp } : {}),
        };
        rows.push(row);
        if (!values.json)
          io.stdout.write(
            `${row.match ? '✔' : '✖'} ${row.preset.padEnd(nameWidth)}  expected ${String(row.expected).padEnd(causeWidth)}  found ${String(row.found).padEnd(causeWidth)}  ${row.ms} ms\n` +
              (row.afterLookUp
                ? `  ${''.padEnd(nameWidth)}  looked up with ${row.afterLookUp.with}: expected ${String(row.afterLookUp.expected)}, found ${String(row.afterLookUp.found)}\n`
                : ''),
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
