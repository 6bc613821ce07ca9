import type { Cause, CauseId } from '../../shared/model/diagnosis';
import { makeCause } from '../diagnosis/causes';
import { defineProbe } from '../diagnosis/probe';
import type { StaticFinding } from '../diagnosis/profile-context';
import type { FindingId } from '../profiles/catalogue';
import { note } from './shared';

/** Static finding ids (the profile reader's catalogue) and the cause each one means; a finding not listed names no cause. */
export const findingCauses: Readonly<Partial<Record<FindingId, CauseId>>> = {
  'env.profile-missing': 'profile.not-found',
  'env.shadows-profile': 'profile.env-shadowing',
  'env.profile-and-keys': 'profile.env-shadowing',
  'file.not-a-file': 'profile.malformed',
  'file.unreadable': 'profile.malformed',
  'file.too-large': 'profile.malformed',
  'file.binary': 'profile.malformed',
  'file.cr-line-endings': 'profile.malformed',
  'file.parse-failed': 'profile.malformed',
  'ini.bad-section-header': 'profile.malformed',
  'ini.key-typo': 'profile.malformed',
  'value.quoted': 'profile.malformed',
  'value.inner-whitespace': 'profile.malformed',
  'value.invisible-char': 'profile.malformed',
  'value.non-ascii': 'profile.malformed',
  'key-id.shape': 'profile.malformed',
  'secret.shape': 'profile.malformed',
  'key-id.token-mismatch': 'credentials.temporary-rejected',
  'credentials.incomplete': 'profile.malformed',
  'profile.prefix-in-credentials': 'profile.malformed',
  'profile.prefix-missing-in-config': 'profile.malformed',
  'source-profile.missing': 'profile.malformed',
  'source-profile.cycle': 'profile.malformed',
  'source-profile.conflict': 'profile.malformed',
  'credential-source.invalid': 'profile.malformed',
  'sso.incomplete': 'profile.malformed',
  'sso.session-missing': 'profile.malformed',
  'sso.token-missing': 'credentials.sso-expired',
  'sso.token-expired': 'credentials.sso-expired',
  'credentials.expired': 'credentials.expired',
  'web-identity.token-file-missing': 'credentials.web-identity',
  'region.missing': 'region.missing',
  'region.invalid-shape': 'region.invalid',
};

/**
 * The cause a finding means. A long-term (AKIA) key with a session token is not a malformed
 * profile but a leftover token, which AWS answers with ExpiredToken (docs/aws-behaviour.md §7).
 */
function causeOfFinding(finding: StaticFinding, maskedKeyId: string | null, hasSessionToken: boolean): CauseId | undefined {
  if (finding.id === 'key-id.token-mismatch' && maskedKeyId?.startsWith('AKIA') && hasSessionToken) return 'credentials.stray-session-token';
  return findingCauses[finding.id];
}

function toCause(finding: StaticFinding, id: CauseId): Cause {
  // Only errors break loading; a warning stays a warning until a live probe confirms it.
  const severity = finding.severity === 'error' ? 'error' : 'warning';
  const evidence = [note(`Static check ${finding.id}${finding.where ? ` at ${finding.where}` : ''}`, finding.message)];
  if (finding.fixHint) evidence.push(note('How to fix it', finding.fixHint));
  const cause = makeCause(id, finding.message, evidence, [], severity);
  // The file reader's hint is the one thing to do; the page shows it where a button would be.
  return finding.fixHint ? { ...cause, advice: finding.fixHint } : cause;
}

/** Step 1, offline: does the profile exist, and what do the static checks say about it. */
export const profileFindingsProbe = defineProbe({
  id: 'credentials.profile-files',
  step: 'credentials',
  title: 'Profile in the AWS files',
  needs: ['target'],
  yields: [],
  async run({ need }) {
    const { profile } = need('target');
    const causes: Cause[] = [];
    const evidence = [
      note(`Profile "${profile.name}" selected by ${profile.selectedBy === 'request' ? 'your request' : profile.selectedBy}`),
      note(`Files: ${profile.files.credentials}, ${profile.files.config}`),
    ];
    for (const finding of profile.findings) {
      const id = causeOfFinding(finding, profile.maskedKeyId, profile.hasSessionToken);
      evidence.push(note(`${finding.severity}: ${finding.id}`, finding.message));
      if (id && finding.severity !== 'info') causes.push(toCause(finding, id));
    }
    const envInUse = profile.selectedBy === 'default' && profile.envCredentials !== null;
    const near = profile.nearNames[0];
    if (!profile.exists && !envInUse && near !== undefined) {
      const existing = causes.find((cause) => cause.id === 'profile.not-found');
      if (existing) causes.splice(causes.indexOf(existing), 1);
      causes.push(
        makeCause(
          'profile.not-found',
          `There is no profile "${profile.name}". Did you mean "${near}"?`,
          [note('Profile lookup', `Profiles close to "${profile.name}": ${profile.nearNames.join(', ')}.`), ...(existing?.evidence ?? [])],
          [
            {
              kind: 'copy-command',
              label: `Use "${near}"`,
              command: profile.selectedBy === 'AWS_PROFILE' ? `export AWS_PROFILE=${near}` : `mdb-doctor diagnose --profile ${near}`,
            },
          ],
        ),
      );
    }
    if (!profile.exists && !envInUse && !causes.some((cause) => cause.id === 'profile.not-found')) {
      causes.push(
        makeCause(
          'profile.not-found',
          `Profile "${profile.name}" is in neither ${profile.files.credentials} nor ${profile.files.config}.`,
          [
            note(
              'Profile lookup',
              `No [${profile.name}] section in the credentials file and no [${profile.name === 'default' ? 'default' : `profile ${profile.name}`}] in the config file.`,
            ),
          ],
          [{ kind: 'copy-command', label: 'Create the profile', command: `aws configure --profile ${profile.name}` }],
        ),
      );
    }
    const errors = causes.filter((cause) => cause.severity === 'error');
    if (errors.length > 0) return { status: 'fail', verdict: errors.map((cause) => cause.summary).join(' '), evidence, causes };
    if (causes.length > 0) return { status: 'warn', verdict: causes.map((cause) => cause.summary).join(' '), evidence, causes };
    return {
      status: 'pass',
      verdict: profile.exists ? `Profile "${profile.name}" is present and reads cleanly.` : `No profile "${profile.name}"; environment credentials are used.`,
      evidence,
    };
  },
});
