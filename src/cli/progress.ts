import type { ProbeProgress } from '../core/diagnosis/diagnose';
import type { OutputPort } from './io';
import { statusMark } from './render';

/**
 * The live progress of a diagnosis on a terminal: each finished probe as a line, and a
 * status line below them naming the probes still running. Off a terminal it prints nothing,
 * so piped output holds only the result.
 */
export class ProgressDisplay {
  private readonly running = new Map<string, string>();

  constructor(private readonly out: OutputPort) {}

  /** Handles one progress event. */
  readonly onProgress = (event: ProbeProgress): void => {
    if (!this.out.isTTY) return;
    if (event.type === 'probe-started') {
      this.running.set(event.probeId, event.title);
    } else {
      this.running.delete(event.result.id);
      if (event.result.status !== 'skipped') {
        this.clearLine();
        this.out.write(`  ${statusMark(event.result.status)} ${event.result.title} — ${event.result.verdict.slice(0, 140)}\n`);
      }
    }
    this.drawStatus();
  };

  /** Removes the status line before the result is printed. */
  finish(): void {
    if (this.out.isTTY) this.clearLine();
  }

  private clearLine(): void {
    this.out.write('\r\x1b[2K');
  }

  private drawStatus(): void {
    if (this.running.size === 0) return this.clearLine();
    this.clearLine();
    this.out.write(`  … ${[...this.running.values()].join(', ').slice(0, 110)}`);
  }
}
