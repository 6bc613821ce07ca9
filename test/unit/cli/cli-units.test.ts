import { describe, expect, it } from 'vitest';
import { probe } from '../../helpers/report-builders';
import { exitCodeOf } from '../../../src/cli/commands/diagnose';
import { commands } from '../../../src/cli/commands/index';
import { ProgressDisplay } from '../../../src/cli/progress';
import { renderReport } from '../../../src/cli/render';
import { makeCause } from '../../../src/core/diagnosis/causes';
import { buildReport } from '../../../src/core/diagnosis/report';
import type { ProbeResult } from '../../../src/shared/model/diagnosis';

const report = (status: ProbeResult['status'], causes = [] as ReturnType<typeof makeCause>[], cancelled = false) =>
  buildReport({ results: [probe({ status })], causes, facts: {}, cancelled, startedAt: new Date(0), durationMs: 1 });

describe('exit codes', () => {
  it('0 when nothing was found, 1 for any cause, 2 when checks could not finish', () => {
    expect(exitCodeOf(report('pass'))).toBe(0);
    expect(exitCodeOf(report('warn', [makeCause('keys.old', 'old', [])]))).toBe(1);
    expect(exitCodeOf(report('unknown'))).toBe(2);
    expect(exitCodeOf(report('pass', [], true))).toBe(2);
  });
});

describe('the command registry', () => {
  it('has one entry per command name, each with a summary and, once loaded, the same name and a usage', async () => {
    const names = commands.map((command) => command.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['profiles', 'diagnose', 'demo', 'sim']));
    for (const entry of commands) {
      expect(entry.summary).not.toBe('');
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.usage).toMatch(new RegExp(`^Usage: mdb-doctor ${entry.name}`));
    }
  });
});

describe('renderReport', () => {
  it('shows the root cause first with its fix', () => {
    const text = renderReport(
      report('fail', [
        makeCause(
          'credentials.expired',
          'Expired.',
          [{ label: 'sts', errorName: 'ExpiredToken', httpStatus: 403 }],
          [{ kind: 'refresh-command', label: 'Log in', command: 'aws sso login --profile p' }],
        ),
      ]),
    );
    expect(text).toContain('Root cause: credentials.expired — Expired.');
    expect(text).toContain('sts (ExpiredToken, HTTP 403)');
    expect(text).toContain('aws sso login --profile p');
  });
});

describe('ProgressDisplay', () => {
  it('writes finished probes and a status line on a terminal, nothing otherwise', () => {
    let tty = '';
    const display = new ProgressDisplay({ write: (text) => void (tty += text), isTTY: true });
    display.onProgress({ type: 'probe-started', probeId: 'p', step: 'credentials', title: 'Probe' });
    expect(tty).toContain('… Probe');
    display.onProgress({ type: 'probe-finished', result: probe({ title: 'Probe', verdict: 'v' }) });
    display.finish();
    expect(tty).toContain('✔ Probe — v');
    let piped = '';
    new ProgressDisplay({ write: (text) => void (piped += text), isTTY: false }).onProgress({ type: 'probe-finished', result: probe({ status: 'pass' }) });
    expect(piped).toBe('');
  });
});
