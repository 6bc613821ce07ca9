import type { StepId } from '../../../shared/model/diagnosis';

/** A wizard step: its label in the rail, and in plain words what it checks and why that matters. */
export interface WizardStep {
  id: StepId;
  label: string;
  blurb: string;
  why: string;
}

/** The wizard's steps, in the order docs/diagnosis.md walks the causes. */
export const wizardSteps: readonly WizardStep[] = [
  {
    id: 'credentials',
    label: 'Credentials',
    blurb: 'Can your profile produce credentials AWS accepts?',
    why: 'Every AWS call is signed with an access key. If the SDK cannot find one, or AWS does not recognise the key, the secret, the session or the clock, nothing else can work — so this is checked first, with sts:GetCallerIdentity, which needs no permission at all.',
  },
  {
    id: 'key-health',
    label: 'Key health',
    blurb: 'Is the key in your file the active one, and how old is it?',
    why: 'An IAM user has at most two access keys. A key that was deactivated, replaced, or is older than 90 days is a common reason for sudden failures and a security risk.',
  },
  {
    id: 'region',
    label: 'Region',
    blurb: 'Is the region real, enabled, and where your clusters are?',
    why: 'MemoryDB exists only in some regions, a few of which must be enabled for the account first. A call to the wrong region finds no cluster; a call to a disabled region looks like a bad key.',
  },
  {
    id: 'permissions',
    label: 'Permissions',
    blurb: 'May you call the MemoryDB actions your work needs?',
    why: 'Valid credentials still need an IAM policy that allows each memorydb action. An explicit deny — in a policy, an SCP, a permission boundary or a session policy — wins over any allow.',
  },
  {
    id: 'renew',
    label: 'Renew',
    blurb: 'Rotate old keys or refresh temporary credentials.',
    why: 'Long-term keys should be rotated; temporary and SSO credentials expire and must be refreshed. The rotation here creates the new key, verifies it and only then retires the old one.',
  },
  {
    id: 'cluster',
    label: 'Cluster sign-in',
    blurb: 'Why the cluster itself answers WRONGPASS or NOAUTH.',
    why: 'Once the AWS API works, the cluster checks its own users: the user must exist in the cluster’s ACL, be switched on, and sign in the way it was set up — with a password, or with an IAM token that needs memorydb:Connect.',
  },
  {
    id: 'summary',
    label: 'Summary',
    blurb: 'The causes found, root cause first, and a report to share.',
    why: 'AWS gives the same error for several causes; the summary ranks what the probes proved, so the first item is the one to fix first.',
  },
];

/** The pages besides the steps: Start (profile choice and Diagnose) and Profiles (every profile and its findings). */
export type WizardPage = 'start' | 'profiles' | StepId;

/** A step's definition by id. */
export function stepById(id: StepId): WizardStep {
  const step = wizardSteps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`No wizard step ${id}`);
  return step;
}
