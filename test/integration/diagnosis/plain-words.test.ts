import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/core/diagnosis/diagnose';
import { defaultProbes } from '../../../src/core/probes';
import { presetRequest } from '../../../src/demo/preset-session';
import { causeIds } from '../../../src/shared/model/causes';
import type { DiagnosisReport } from '../../../src/shared/model/diagnosis';
import { startPresetSim, type PresetSim } from '../../helpers/sim-presets';

// Cause ids are tags for search and reports: the wizard shows them as small code tags, never
// inside the sentences a person reads. IAM's own decision names belong in the evidence only.
const machineWords = new RegExp(`${causeIds.map((id) => id.replace('.', '\\.')).join('|')}|implicitDeny|explicitDeny`);

/** Every sentence of a report that the wizard and the CLI print as prose. */
function sentencesOf(report: DiagnosisReport): string[] {
  return [
    ...report.steps.map((step) => step.summary),
    ...report.causes.flatMap((cause) => [cause.summary, ...cause.fixes.map((fix) => fix.label)]),
    ...report.probes.flatMap((probe) => [probe.verdict, ...probe.fixes.map((fix) => fix.label)]),
  ];
}

let bench: PresetSim;
const reports = new Map<string, DiagnosisReport>();

beforeAll(async () => {
  bench = await startPresetSim();
  await Promise.all(
    bench.folder.presets.map(async (entry) => {
      reports.set(entry.preset, (await diagnose(bench.hostFor(entry), presetRequest(entry), { probes: defaultProbes })).report);
    }),
  );
}, 90_000);

afterAll(async () => {
  await bench?.close();
});

describe('plain words in every preset report', () => {
  it('names no cause id and no raw IAM decision inside a sentence', () => {
    const offending = [...reports].flatMap(([preset, report]) =>
      sentencesOf(report)
        .filter((sentence) => machineWords.test(sentence))
        .map((sentence) => `${preset} → ${sentence}`),
    );
    expect(reports.size).toBeGreaterThan(10);
    expect(offending).toEqual([]);
  });

  it('shows the age, the rotation threshold and the last use of an old key on Renew and Key health', () => {
    const report = reports.get('old-key')!;
    const renew = report.steps.find((step) => step.step === 'renew')!.summary;
    const keyHealth = report.steps.find((step) => step.step === 'key-health')!.summary;
    for (const summary of [renew, keyHealth]) {
      expect(summary).toMatch(/\d+ days old/);
      expect(summary).toMatch(/90/);
      expect(summary).toMatch(/last used|never used/);
    }
  });

  it('calls Region and Renew blocked, not failed, when the secret is wrong', () => {
    const report = reports.get('bad-secret')!;
    const statusOf = (step: string) => report.steps.find((summary) => summary.step === step)!.status;
    expect(statusOf('credentials')).toBe('fail');
    for (const step of ['region', 'renew'] as const) {
      expect(
        report.steps.find((summary) => summary.step === step),
        step,
      ).toMatchObject({
        status: 'blocked',
        blockedBy: 'credentials',
        summary: expect.stringMatching(/^Needs Credentials first/),
      });
    }
  });
});
