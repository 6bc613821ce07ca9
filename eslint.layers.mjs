/**
 * The layers of src and what each one MAY import besides itself: an allow-list, so a new edge
 * between folders is refused until it is written here (docs/architecture.md draws the same
 * picture). Inside the core, each package lists the packages it may use, so the core's
 * packages form a graph without cycles. eslint.config.mjs turns this into
 * boundaries/dependencies policies.
 */

/** Core packages, lowest first: each may import the core's root files (host.ts), src/shared and the packages it lists. */
const corePackages = {
  regions: [],
  aws: [],
  'aws-files': [],
  'iam-policy': [],
  profiles: ['aws-files'],
  diagnosis: ['aws', 'profiles', 'regions', 'iam-policy'],
  cluster: ['aws', 'diagnosis', 'regions'],
  probes: ['aws', 'aws-files', 'profiles', 'regions', 'diagnosis', 'cluster', 'sso', 'iam-policy'],
  'cluster-access': ['aws', 'regions', 'diagnosis', 'probes', 'cluster'],
  rotation: ['aws', 'aws-files', 'profiles'],
  sso: ['aws', 'aws-files', 'profiles'],
  'key-lookup': ['aws', 'profiles', 'regions', 'diagnosis', 'probes'],
};

const theCore = ['core', 'core/*'];

/** Files, by category, that a policy can single out inside a layer. */
export const layerFiles = [
  // The one file of the simulator that the CLI may import: `mdb-doctor sim` runs it.
  { category: 'sim-command', pattern: 'src/sim/command.ts' },
  // The CLI reads its name and version from the package manifest.
  { category: 'package-manifest', pattern: 'package.json' },
  // The one file of the IPC door that needs Electron.
  { category: 'electron-bound', pattern: 'src/main/ipc/register.ts' },
];

const layers = [
  ...Object.entries(corePackages).map(([name, may]) => ({
    type: `core/${name}`,
    pattern: `src/core/${name}`,
    may: ['core', 'shared', ...may.map((other) => `core/${other}`)],
    why: `src/core/${name} may import ${may.length > 0 ? `src/core/{${may.join(',')}}, ` : ''}the core's root files and src/shared only: the core's packages form a graph without cycles (eslint.layers.mjs). Pass what a lower package needs in as a parameter.`,
  })),
  {
    type: 'core',
    pattern: 'src/core',
    may: ['shared'],
    why: 'The core is the bottom of the app: it may import src/shared only. Pass what it needs from the IPC door, the CLI or the demo in as a parameter.',
  },
  { type: 'shared', pattern: 'src/shared', may: [], why: 'src/shared is the contract and the model: it depends on nothing but itself and pure libraries.' },
  { type: 'sim', pattern: 'src/sim', may: [], why: 'The simulator stands alone: it plays AWS, so it shares no code with the app that diagnoses AWS.' },
  {
    type: 'demo',
    pattern: 'src/demo',
    may: [...theCore, 'shared', 'sim'],
    why: 'The demo combines the simulator and the core: it may import src/sim, src/core and src/shared.',
  },
  {
    type: 'launcher',
    pattern: 'src/main/launcher',
    may: [],
    why: "The shell's launcher (npm start) finds or downloads Electron and starts it, under plain Node: it imports nothing of ours.",
  },
  {
    type: 'ipc',
    pattern: 'src/main/ipc',
    may: [...theCore, 'shared', 'demo'],
    why: 'The IPC door may import src/core, src/demo and src/shared; the shell passes Electron in through ShellPort.',
  },
  {
    type: 'shell',
    pattern: 'src/main',
    may: ['ipc', ...theCore, 'shared'],
    why: 'The Electron shell wires the IPC door to Electron: it may import src/main/ipc, src/core and src/shared.',
  },
  {
    type: 'cli',
    pattern: 'src/cli',
    may: [...theCore, 'shared', 'ipc', 'demo', { element: { type: 'sim' }, file: { categories: 'sim-command' } }, { file: { categories: 'package-manifest' } }],
    mayNot: [
      {
        to: { element: { type: 'ipc' }, file: { categories: 'electron-bound' } },
        message: 'The CLI runs without Electron: it may use the IPC dispatcher and handlers, not register.ts.',
      },
    ],
    why: "The CLI may import src/core, src/shared, src/demo, the IPC door's dispatcher and handlers (the browser UI), the simulator's own command (src/sim/command.ts) and package.json.",
  },
  { type: 'preload', pattern: 'src/preload', may: ['shared'], why: 'The preload only forwards the contract: it may import src/shared only.' },
  {
    type: 'renderer',
    pattern: 'src/renderer',
    may: ['shared'],
    why: 'The renderer is an untrusted page: it may import src/shared only and asks for everything else through window.doctor.',
  },
];

/** Element descriptors: the first that matches a file names its layer, so core packages come before the core. */
export const layerElements = layers.map(({ type, pattern }) => ({ type, pattern }));

/**
 * boundaries/dependencies policies. The last policy that matches decides: per layer, a refusal
 * of everything off its list (only to say why), then its allow-list, then single files refused
 * even though their layer is allowed.
 */
export const layerPolicies = layers.flatMap(({ type, may, mayNot = [], why }) => {
  const names = [type, ...may.filter((entry) => typeof entry === 'string')];
  const entities = may.filter((entry) => typeof entry !== 'string');
  return [
    { from: { element: { type } }, disallow: { to: { element: { types: { noneOf: names } } } }, message: why },
    { from: { element: { type } }, allow: { to: [{ element: { types: { anyOf: names } } }, ...entities] } },
    ...mayNot.map(({ to, message }) => ({ from: { element: { type } }, disallow: { to }, message })),
  ];
});
