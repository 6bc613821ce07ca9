import type { CliCommandEntry } from '../io';

/**
 * Every `mdb-doctor` subcommand, one entry each, in the order `--help` lists them. Each module
 * is imported lazily: `--help` and `profiles` never load the AWS SDK or the simulator.
 */
export const commands: readonly CliCommandEntry[] = [
  {
    name: 'profiles',
    summary: 'List local AWS profiles with their static findings (no network)',
    load: async () => (await import('./profiles')).profilesCommand,
  },
  {
    name: 'diagnose',
    summary: 'Diagnose one profile: credentials, key health, region, permissions, renewal',
    load: async () => (await import('./diagnose')).diagnoseCommand,
  },
  {
    name: 'explain',
    summary: 'Say which causes produce an error message you have (InvalidClientTokenId, WRONGPASS, ...)',
    load: async () => (await import('./explain')).explainCommand,
  },
  {
    name: 'rotate',
    summary: 'Rotate a profile’s IAM access key without ever leaving it without working credentials',
    load: async () => (await import('./rotate')).rotateCommand,
  },
  {
    name: 'token',
    summary: 'Print a MemoryDB IAM auth token for a cluster and user (valid 15 minutes)',
    load: async () => (await import('./token')).tokenCommand,
  },
  {
    name: 'sso',
    summary: 'Sign a profile in to IAM Identity Center (login), writing the AWS CLI token cache',
    load: async () => (await import('./sso')).ssoCommand,
  },
  {
    name: 'ui',
    summary: 'Serve the wizard to a browser on this machine (for servers and SSH sessions)',
    load: async () => (await import('./ui')).uiCommand,
  },
  {
    name: 'demo',
    summary: 'Diagnose every simulator preset and compare with the expected cause',
    load: async () => (await import('./demo')).demoCommand,
  },
  {
    name: 'sim',
    summary: 'Run the local AWS simulator with its presets until Ctrl-C',
    load: async () => (await import('./sim')).simCommand,
  },
];
