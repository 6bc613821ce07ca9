import type { ConfirmationRequest } from '../../main/ipc/shell-port';
import type { LineReader } from '../line-reader';
import type { OutputPort } from '../io';

/**
 * Confirmations for browser mode, asked in the terminal `mdb-doctor ui` runs in: a page (or
 * anything that got hold of its cookie) cannot answer there. One question at a time; no
 * terminal, or anything but an explicit yes, means no.
 */
export function terminalConfirmation(stderr: OutputPort, readLine: LineReader): (request: ConfirmationRequest) => Promise<boolean> {
  let queue: Promise<unknown> = Promise.resolve();
  return (request) => {
    const turn = queue.then(async () => {
      const detail = request.detail ? `\n${request.detail}` : '';
      stderr.write(`\nThe page asks: ${request.title}\n${request.message}${detail}\n`);
      const answer = await readLine(`${request.confirmLabel}? Type y to agree, anything else refuses [y/N] `);
      if (answer === null) {
        stderr.write('No terminal to confirm on (stdin is not one): answering no.\n');
        return false;
      }
      const agreed = /^y(es)?$/i.test(answer.trim());
      stderr.write(agreed ? 'Agreed.\n' : 'Refused.\n');
      return agreed;
    });
    queue = turn.catch(() => undefined);
    return turn;
  };
}

/**
 * Reads the answer at the terminal, where Ctrl-C must still stop `mdb-doctor ui`: readline
 * would swallow it while a question is open, so it refuses the question and passes the
 * interrupt on to the process. Null when stdin is not a terminal.
 */
export const interruptibleLineReader: LineReader = async (question) => {
  if (!process.stdin.isTTY) return null;
  const { createInterface } = await import('node:readline/promises');
  const reader = createInterface({ input: process.stdin, output: process.stderr });
  const interrupted = new AbortController();
  reader.on('SIGINT', () => {
    interrupted.abort();
    process.kill(process.pid, 'SIGINT');
  });
  try {
    return await reader.question(question, { signal: interrupted.signal });
  } catch {
    return '';
  } finally {
    reader.close();
  }
};
