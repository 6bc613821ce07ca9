import type { Configuration } from 'electron-builder';

/**
 * Installers for Linux (AppImage, deb), macOS (dmg) and Windows (nsis). Building them needs
 * the Electron download, so `npm run dist` is documented and this file is checked by a test,
 * not built in CI.
 */
const config: Configuration = {
  appId: 'dev.mdb-doctor.app',
  productName: 'MemoryDB Credentials Doctor',
  executableName: 'mdb-doctor',
  copyright: 'Copyright © 2026 the MemoryDB Credentials Doctor authors',
  directories: { output: 'release', buildResources: 'out/icons' },
  // `npm run dist` renders the icons from assets/icon.svg into out/icons first.
  icon: 'out/icons/icon.png',
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'out/cli/**', 'package.json', '!**/*.map'],
  asar: true,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development',
    icon: 'out/icons',
    maintainer: 'MemoryDB Credentials Doctor authors',
    synopsis: 'Diagnose and fix AWS credential problems with Amazon MemoryDB',
  },
  deb: { depends: ['libnss3', 'libgtk-3-0', 'libxss1', 'libasound2'] },
  mac: { target: ['dmg'], category: 'public.app-category.developer-tools', hardenedRuntime: true },
  dmg: { sign: false },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  // Turn off what the app never uses, so the shipped binary cannot be run as plain Node or
  // debugged into from the command line (Electron security checklist item 19).
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    // Checked by Electron on macOS and Windows (electron-builder writes the hashes there); Linux has no check yet.
    enableEmbeddedAsarIntegrityValidation: true,
    // Together with the integrity check: the app runs only from the (validated) app.asar.
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    // The page is served from app://doctor (src/main/app-protocol), so file:// needs no extra powers.
    grantFileProtocolExtraPrivileges: false,
  },
};

export default config;
