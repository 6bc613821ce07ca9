import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Splits "24.21.0" into numbers so versions compare numerically, not as text. */
function parts(version: string): number[] {
  return version.replace(/^v/, '').split('.').map(Number);
}

function atLeast(version: string, minimum: string): boolean {
  const [have, want] = [parts(version), parts(minimum)];
  for (let index = 0; index < want.length; index += 1) {
    if ((have[index] ?? 0) !== want[index]) return (have[index] ?? 0) > want[index];
  }
  return true;
}

describe('the Node the project runs on', () => {
  it('is the supported line, not the system Node 20 (the `node` dev dependency comes first on the PATH)', () => {
    expect(atLeast(process.versions.node, '22.12.0'), `running on Node ${process.versions.node}`).toBe(true);
  });

  it('matches what package.json declares and what the `node` dev dependency installs', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      engines: { node: string };
      devDependencies: Record<string, string>;
    };
    expect(manifest.engines.node).toBe('>=22.12.0');
    const pinnedMajor = manifest.devDependencies.node.replace(/^\^/, '').split('.')[0];
    expect(process.versions.node.split('.')[0]).toBe(pinnedMajor);
  });
});
