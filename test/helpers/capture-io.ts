import type { CliIo } from '../../src/cli/io';
import type { HostEnvironment } from '../../src/core/host';

/** A CLI io that keeps what a command writes; `onErr` sees each stderr write as it happens (to act on a printed code). */
export function captureIo(
  host: HostEnvironment,
  options: { tty?: boolean; onErr?: (text: string) => void } = {},
): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const tty = options.tty ?? false;
  return {
    stdout: { write: (text) => void (out += text), isTTY: tty },
    stderr: {
      write: (text) => {
        err += text;
        options.onErr?.(text);
      },
      isTTY: tty,
    },
    host,
    signal: new AbortController().signal,
    stopSignal: new Promise(() => undefined),
    cwd: process.cwd(),
    out: () => out,
    err: () => err,
  };
}
