// `npm start` / `npm run dev`: build, find or fetch Electron, open the app; where Electron
// cannot be fetched, say why in one line and open the same wizard in the browser instead.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { downloadFailureReason, electronPackageDir, installElectron, locateElectron } from './electron-binary';

const projectRoot = resolve(__dirname, '../../..');
const dev = process.argv.includes('--dev');
const shell = process.platform === 'win32';

/** Runs a child with this terminal, passes Ctrl-C and SIGTERM on, and exits with its code. */
function runToExit(child: ChildProcess): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.once('error', (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
  child.once('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function build(): void {
  const run = spawnSync('npm', ['run', '--silent', 'build'], { cwd: projectRoot, stdio: 'inherit', shell });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

async function electronPath(): Promise<{ path: string } | { reason: string }> {
  const packageDir = electronPackageDir(projectRoot);
  const found = locateElectron(packageDir, process.env, process.platform);
  if (found.source !== 'missing') return { path: found.path };
  try {
    return { path: await installElectron(packageDir, process.platform, process.stderr) };
  } catch (error) {
    return { reason: `Electron ${found.version} could not be downloaded (${downloadFailureReason(error)})` };
  }
}

async function main(): Promise<void> {
  // Production start builds first; the dev server builds as it serves.
  if (!dev) build();
  const electron = await electronPath();
  if ('path' in electron) {
    const electronVite = join(projectRoot, 'node_modules/electron-vite/bin/electron-vite.js');
    const args = dev ? [electronVite, 'dev'] : [electronVite, 'preview', '--skipBuild'];
    // electron-vite launches ELECTRON_EXEC_PATH instead of reading the package's path.txt.
    const env = { ...process.env, ELECTRON_EXEC_PATH: electron.path, ELECTRON_ENTRY: projectRoot };
    runToExit(spawn(process.execPath, args, { cwd: projectRoot, stdio: 'inherit', env }));
    return;
  }
  process.stderr.write(
    `${electron.reason}: opening the wizard in your browser instead. For the desktop app, run this again with network access, ` +
      'set ELECTRON_MIRROR to a mirror you can reach, or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding the Electron binary.\n',
  );
  if (dev) build();
  runToExit(spawn(process.execPath, [join(projectRoot, 'out/cli/mdb-doctor.mjs'), 'ui'], { cwd: projectRoot, stdio: 'inherit' }));
}

void main();
