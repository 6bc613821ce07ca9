import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImportMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('the layer rules', () => {
  it.each([
    ['src/core/profiles/example.ts', "import { app } from 'electron';\nexport const x = app;\n", 'The core runs under plain Node'],
    ['src/core/diagnosis/example.ts', "import { useState } from 'react';\nexport const x = useState;\n", 'The core has no UI'],
    ['src/sim/example.ts', "import { app } from 'electron';\nexport const x = app;\n", 'The core runs under plain Node'],
    ['src/renderer/src/example.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n", 'The renderer has no Node'],
    ['src/renderer/src/example.ts', "import { STSClient } from '@aws-sdk/client-sts';\nexport const x = STSClient;\n", 'never touches AWS'],
    ['src/renderer/src/example.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'window.doctor'],
    ['src/shared/example.ts', "import { join } from 'node:path';\nexport const x = join;\n", 'no Node built-ins'],
  ])('refuses, in %s, %j with a message that teaches the fix', async (file, code, teaching) => {
    const messages = await restrictedImportMessages(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(teaching);
  });

  it('lets the shell import electron and the core import Node and the SDK', async () => {
    expect(await restrictedImportMessages('src/main/window.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([]);
    expect(
      await restrictedImportMessages(
        'src/core/example.ts',
        "import { readFile } from 'node:fs/promises';\nimport { STSClient } from '@aws-sdk/client-sts';\nexport const x = [readFile, STSClient];\n",
      ),
    ).toEqual([]);
  });
});
