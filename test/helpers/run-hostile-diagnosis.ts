import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startHostileEndpoint, type HostileAnswer } from './hostile-endpoint';

/** What the diagnosing child process reported. */
export interface HostileDiagnosis {
  wallMs: number;
  peakRss: number;
  rootCause: string | null;
  cutOff: string[];
  reportBytes: number;
  /** Bytes the endpoint got to send before the client stopped reading. */
  sentBytes: number;
}

/** Starts a hostile endpoint, diagnoses a profile pointed at it in a child process, and returns what the child measured. */
export async function runHostileDiagnosis(answer: HostileAnswer, profile: 'static' | 'role' = 'static'): Promise<HostileDiagnosis> {
  const endpoint = await startHostileEndpoint(answer);
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'hostile-diagnosis-process.ts'), endpoint.url, profile], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (err += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const line = out.trim().split('\n').at(-1) ?? '';
    if (code !== 0 || !line.startsWith('{')) throw new Error(`The diagnosing process failed (exit ${code}): ${err.slice(-2000)}`);
    return { ...(JSON.parse(line) as Omit<HostileDiagnosis, 'sentBytes'>), sentBytes: endpoint.sent() };
  } finally {
    await endpoint.close();
  }
}
