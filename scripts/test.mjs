// `npm test`: lint, typecheck, build, then every test suite, and a summary of each stage.
// Stages run in order and all of them run, so one failure does not hide another.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const report = 'test-output/vitest-report.json';
rmSync(report, { force: true });

const stages = [
  ['format', 'npx', ['prettier', '--check', '--log-level=warn', '.']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]],
];

const results = [];
for (const [name, command, args] of stages) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  results.push({ name, ok: run.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) });
}

console.log('\n=== summary');
for (const { name, ok, seconds } of results) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(10)} ${seconds}s`);
const failed = results.filter((result) => !result.ok).length;
if (existsSync(report)) {
  const counts = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = counts.numPendingTests + counts.numTodoTests;
  console.log(`tests: ${counts.numPassedTests} passed, ${counts.numFailedTests} failed, ${skipped} skipped`);
} else {
  console.log('tests: 0 passed, 1 failed (the test runner wrote no report)');
}
process.exit(failed === 0 ? 0 : 1);
