/** Reads one answer from the person at the terminal; null when there is no terminal. */
export type LineReader = (question: string) => Promise<string | null>;

/** Reads from the process's stdin when it is a terminal. */
export const terminalLineReader: LineReader = async (question) => {
  if (!process.stdin.isTTY) return null;
  const { createInterface } = await import('node:readline/promises');
  const reader = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await reader.question(question);
  } finally {
    reader.close();
  }
};
