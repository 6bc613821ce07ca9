import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function messagesOf(rule: string, file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === rule).map((message) => message.message);
}

const restrictedImportMessages = (file: string, code: string) => messagesOf('no-restricted-imports', file, code);
const layerMessages = (file: string, code: string) => messagesOf('boundaries/dependencies', file, code);
const importOf = (name: string, from: string) => `import { ${name} } from '${from}';\nexport const x = ${name};\n`;

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

  it.each([
    ['src/core/diagnosis/example.ts', importOf('JobRegistry', '../../main/ipc/jobs'), 'may import src/core/{aws,profiles,regions,iam-policy}'],
    ['src/core/profiles/example.ts', importOf('runCli', '../../cli/run-cli'), 'may import src/core/{aws-files}'],
    ['src/core/example.ts', importOf('startSimulator', '../sim/index'), 'The core is the bottom of the app'],
    ['src/core/diagnosis/example.ts', importOf('defaultProbes', '../probes'), 'graph without cycles'],
    ['src/core/cluster/example.ts', importOf('issueAuthToken', '../cluster-access/token-service'), 'graph without cycles'],
    ['src/shared/model/example.ts', importOf('currentHost', '../../core/host'), 'depends on nothing but itself'],
    ['src/sim/example.ts', importOf('currentHost', '../core/host'), 'The simulator stands alone'],
    ['src/renderer/src/example.ts', importOf('startDemoSession', '../../demo/demo-session'), 'may import src/shared only'],
    ['src/preload/example.ts', importOf('createDispatcher', '../main/ipc/dispatcher'), 'may import src/shared only'],
    ['src/main/ipc/example.ts', importOf('runCli', '../../cli/run-cli'), 'The IPC door may import'],
    ['src/cli/example.ts', importOf('startSimulator', '../sim/index'), "the simulator's own command"],
    ['src/cli/example.ts', importOf('registerContract', '../main/ipc/register'), 'not register.ts'],
    ['src/cli/example.ts', "export const load = () => import('../sim/index');\n", "the simulator's own command"],
    ['src/main/launcher/example.ts', importOf('currentHost', '../../core/host'), 'imports nothing of ours'],
  ])('the allow-list refuses, in %s, %j and says what the layer may import', async (file, code, teaching) => {
    const messages = await layerMessages(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(teaching);
  });

  it.each([
    ['src/core/probes/example.ts', importOf('runPlan', '../diagnosis/runner')],
    ['src/demo/example.ts', importOf('startSimulator', '../sim/index')],
    ['src/main/ipc/example.ts', importOf('startDemoSession', '../../demo/demo-session')],
    ['src/main/example.ts', importOf('createDispatcher', './ipc/dispatcher')],
    ['src/cli/example.ts', importOf('createDispatcher', '../main/ipc/dispatcher')],
    ['src/cli/example.ts', importOf('runSimCommand', '../sim/command')],
    ['src/cli/example.ts', importOf('startDemoSession', '../demo/demo-session')],
  ])('the allow-list lets %s import %j', async (file, code) => {
    expect(await layerMessages(file, code)).toEqual([]);
  });

  it('refuses an import cycle', async () => {
    // diagnose.ts imports report.ts, so report.ts importing diagnose.ts closes a cycle.
    const messages = await messagesOf('import-x/no-cycle', 'src/core/diagnosis/report.ts', importOf('diagnose', './diagnose'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/cycle/i);
  });
});
