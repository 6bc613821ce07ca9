import type { ConfirmationRequest } from '../../main/ipc/shell-port';
import type { LineReader } from '../commands/rotate';
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
