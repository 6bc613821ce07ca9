/**
 * Everything the core needs from the machine it runs on, passed in so that tests point it
 * at a temp folder and a fake clock and never at the real ~/.aws or the real time.
 */
export interface HostEnvironment {
  /** The environment the user's own AWS programs would see. */
  env: Readonly<Record<string, string | undefined>>;
  /** The user's home folder (the SDK's `os.homedir()` rules, see profiles/locate). */
  homeDir: string;
  platform: NodeJS.Platform;
  /** The app's own data folder: journals, backups. Created on demand with mode 0700. */
  appDataDir: string;
  now(): Date;
}

/** The host of the running process, for the CLI and the Electron shell. */
export async function currentHost(appDataDir: string): Promise<HostEnvironment> {
  const { homedir } = await import('node:os');
  return { env: process.env, homeDir: homedir(), platform: process.platform, appDataDir, now: () => new Date() };
}
