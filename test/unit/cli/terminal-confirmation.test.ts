import { describe, expect, it } from 'vitest';
import { terminalConfirmation } from '../../../src/cli/ui/terminal-confirmation';

const rotate = { title: 'Rotate the access key?', message: 'Creates a new key for dev-user and retires AKIA…MPLE.', confirmLabel: 'Rotate the key' };

function terminal(answers: Array<string | null>) {
  const written: string[] = [];
  const questions: string[] = [];
  const pending: Array<(answer: string | null) => void> = [];
  const stderr = { isTTY: true, write: (text: string) => void written.push(text) };
  return {
    written,
    questions,
    pending,
    confirm: terminalConfirmation(stderr, (question) => {
      questions.push(question);
      if (answers.length > 0) return Promise.resolve(answers.shift()!);
      return new Promise((resolve) => pending.push(resolve));
    }),
  };
}

describe('confirmations in the terminal mdb-doctor ui runs in', () => {
  it('agrees only on an explicit yes, and shows what is being agreed to', async () => {
    const yes = terminal(['y']);
    expect(await yes.confirm(rotate)).toBe(true);
    expect(yes.written.join('')).toContain('Creates a new key for dev-user');
    expect(yes.questions[0]).toContain('Rotate the key?');
    for (const answer of ['', 'n', 'maybe', 'yess']) expect(await terminal([answer]).confirm(rotate), answer).toBe(false);
  });

  it('answers no when there is no terminal, and says so', async () => {
    const none = terminal([null]);
    expect(await none.confirm(rotate)).toBe(false);
    expect(none.written.join('')).toMatch(/No terminal to confirm on/);
  });

  it('asks one question at a time', async () => {
    const slow = terminal([]);
    const first = slow.confirm(rotate);
    const second = slow.confirm({ ...rotate, title: 'Delete the old key?', confirmLabel: 'Delete it' });
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(slow.questions).toHaveLength(1);
    slow.pending.shift()!('y');
    expect(await first).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(slow.questions).toHaveLength(2);
    expect(slow.questions[1]).toContain('Delete it?');
    slow.pending.shift()!('n');
    expect(await second).toBe(false);
  });
});
