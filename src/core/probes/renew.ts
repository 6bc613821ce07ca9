import type { CauseId, Fix } from '../../shared/model/diagnosis';
import { describeLastUse, type AccessKeysFact } from '../diagnosis/facts';
import { defineProbe, type ProbeOutcome } from '../diagnosis/probe';
import { maxKeyAgeDays } from './access-keys';
import { ssoSignInFixes } from './shared';

const keyProblems: readonly CauseId[] = ['credentials.key-rejected', 'credentials.secret-mismatch', 'keys.old'];

/**
 * Step 5: how to get fresh credentials of the kind the profile uses. Long-term keys that
 * are old, inactive or leaked go to rotation; temporary and SSO credentials get the exact
 * command that refreshes them.
 */
export const renewProbe = defineProbe({
  id: 'renew.plan',
  step: 'renew',
  title: 'Renewing the credentials',
  needs: ['target'],
  uses: ['credentials', 'identity', 'accessKeys', 'stsRejection'],
  yields: [],
  async run({ need, facts, causesSoFar }): Promise<ProbeOutcome> {
    const { profile } = need('target');
    const found = new Set(causesSoFar().map((cause) => cause.id));
    const name = profile.name;
    const fromEnv = facts.credentials?.link === 'environment';
    if (fromEnv) {
      const stale = found.has('credentials.expired') || found.has('credentials.key-rejected') || found.has('credentials.secret-mismatch');
      return {
        status: stale ? 'fail' : 'pass',
        verdict: stale
          ? 'The environment variables hold credentials AWS refuses: export fresh ones, or unset them to use the profile.'
          : 'Credentials come from environment variables; refresh them where they are set.',
        fixes: stale
          ? [
              {
                kind: 'refresh-command',
                label: 'Use the profile instead of the environment',
                command: 'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN',
              },
            ]
          : [],
      };
    }
    switch (profile.kind) {
      case 'sso': {
        const expired = found.has('credentials.sso-expired') || found.has('credentials.expired');
        return {
          status: expired ? 'fail' : 'pass',
          verdict: expired
            ? `The SSO session has expired: run aws sso login --profile ${name}.`
            : `SSO credentials refresh with aws sso login --profile ${name} when the session ends.`,
          fixes: ssoSignInFixes(name),
        };
      }
      case 'temporary': {
        const expired = found.has('credentials.expired');
        const fix: Fix = {
          kind: 'refresh-command',
          label: `Get a new session with your long-term profile and write the three values into [${name}]`,
          command: `aws sts get-session-token --duration-seconds 43200 --profile <long-term profile>`,
        };
        return {
          status: expired ? 'fail' : 'pass',
          verdict: expired
            ? `The session token in [${name}] has expired; temporary keys cannot be rotated, only replaced.`
            : `[${name}] holds temporary keys; replace them before they expire.`,
          fixes: [fix],
        };
      }
      case 'assume-role':
        return {
          status: found.has('credentials.expired') ? 'fail' : 'pass',
          verdict: `Role credentials are fetched anew by the SDK from source_profile ${profile.settings.source_profile ?? profile.settings.credential_source ?? ''}; renew that profile's credentials if it fails.`,
          fixes: profile.settings.source_profile
            ? [{ kind: 'refresh-command', label: 'Check the source profile', command: `mdb-doctor diagnose --profile ${profile.settings.source_profile}` }]
            : [],
        };
      case 'process':
        return {
          status: found.has('credentials.process-failed') ? 'fail' : 'pass',
          verdict: 'credential_process is run again by the SDK for fresh credentials.',
          fixes: profile.settings.credential_process
            ? [{ kind: 'refresh-command', label: 'Run the credential process', command: profile.settings.credential_process }]
            : [],
        };
      default:
        break;
    }
    if (!facts.credentials) return { status: 'skipped', verdict: 'No credentials to renew.' };
    if (!facts.credentials.longTerm) return { status: 'pass', verdict: 'Temporary credentials from the chain; they renew with their source.' };
    const problems = keyProblems.filter((id) => found.has(id));
    if (problems.length === 0 && !facts.identity)
      return { status: 'skipped', verdict: `AWS could not be asked about the key of [${name}], so there is nothing to say about renewing it yet.` };
    if (problems.length === 0) return { status: 'pass', verdict: `The key of [${name}] needs no renewal.` };
    const rejected = problems.includes('credentials.key-rejected') || problems.includes('credentials.secret-mismatch');
    const fixes: Fix[] = rejected
      ? [
          {
            kind: 'open-console',
            label: 'Create a new access key in the IAM console (the key in the file does not work, so it cannot rotate itself)',
            url: 'https://console.aws.amazon.com/iam/home#/security_credentials',
          },
          { kind: 'copy-command', label: `Then write it into [${name}]`, command: `aws configure --profile ${name}` },
        ]
      : [{ kind: 'rotate-key', label: `Rotate the access key of [${name}]`, profile: name }];
    return {
      status: rejected ? 'fail' : 'warn',
      verdict: rejected ? `The key of [${name}] does not work: replace it.` : `Rotate the key of [${name}]: ${describeKeyInUse(facts.accessKeys)}.`,
      fixes,
    };
  },
});

/** The key in use as Renew shows it: its age against the rotation threshold and its last use. */
function describeKeyInUse(accessKeys: AccessKeysFact | undefined): string {
  const key = accessKeys?.keys.find((candidate) => candidate.isCurrent);
  if (!key) return `it is older than the ${maxKeyAgeDays}-day rotation threshold`;
  return `${key.maskedKeyId} is ${key.ageDays ?? '?'} days old, past the ${maxKeyAgeDays}-day rotation threshold; ${describeLastUse(key.lastUsed)}`;
}
