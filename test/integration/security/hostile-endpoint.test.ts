import { describe, expect, it } from 'vitest';
import type { HostileAnswer } from '../../helpers/hostile-endpoint';
import { runHostileDiagnosis } from '../../helpers/run-hostile-diagnosis';

const mebibyte = 1024 * 1024;

describe('an endpoint that answers with huge bodies', () => {
  it.each<[string, HostileAnswer]>([
    ['a 30 MB error body, streamed', { kind: 'error-body', bytes: 30 * mebibyte, announceLength: false }],
    ['a 150 MB error body, announced', { kind: 'error-body', bytes: 150 * mebibyte, announceLength: true }],
    ['a 150 MB error body, streamed', { kind: 'error-body', bytes: 150 * mebibyte, announceLength: false }],
    ['a 200 answer holding a 20 MB ARN', { kind: 'huge-arn', bytes: 20 * mebibyte, announceLength: false }],
  ])('makes the diagnosis end with a clear error, its process staying under 300 MB: %s', async (_case, answer) => {
    const run = await runHostileDiagnosis(answer);
    expect(run.cutOff.length).toBeGreaterThan(0);
    expect(run.cutOff[0]).toMatch(/larger than 1024 KB.*stopped reading it/);
    expect(run.peakRss).toBeLessThan(300 * mebibyte);
    // Nothing of the body beyond the cap reaches the report.
    expect(run.reportBytes).toBeLessThan(200_000);
  });

  it("caps the SDK's own STS client too, when a role profile assumes its role there", async () => {
    const run = await runHostileDiagnosis({ kind: 'error-body', bytes: 30 * mebibyte, announceLength: false }, 'role');
    expect(run.cutOff.join(' ')).toMatch(/stopped reading it/);
    expect(run.peakRss).toBeLessThan(300 * mebibyte);
  });
});
