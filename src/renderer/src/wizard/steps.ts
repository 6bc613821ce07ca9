/** The wizard's steps, in the order PRODUCT.md §4 walks the causes. */
export const wizardSteps = [
  { id: 'credentials', label: 'Credentials', blurb: 'Can your profile produce credentials AWS accepts?' },
  { id: 'key-health', label: 'Key health', blurb: 'Is the key in your file the active one, and how old is it?' },
  { id: 'region', label: 'Region', blurb: 'Is the region real, enabled, and where your clusters are?' },
  { id: 'permissions', label: 'Permissions', blurb: 'May you call the MemoryDB actions your work needs?' },
  { id: 'renew', label: 'Renew', blurb: 'Rotate old keys or refresh temporary credentials.' },
  { id: 'cluster', label: 'Cluster sign-in', blurb: 'Why the cluster itself answers WRONGPASS or NOAUTH.' },
  { id: 'summary', label: 'Summary', blurb: 'The causes found, root cause first, and a report to share.' },
] as const;

export type WizardStepId = (typeof wizardSteps)[number]['id'];

/** The page shown before any step: profile choice and the Diagnose button. */
export type WizardPage = 'start' | WizardStepId;
