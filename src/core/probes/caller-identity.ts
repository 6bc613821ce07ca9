import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Cause, Evidence, Fix } from '../../shared/model/diagnosis';
import type { AwsFailure } from '../aws/error-evidence';
import { clockOffsetFrom, readErrorBody } from '../aws/error-evidence';
import { makeCause } from '../diagnosis/causes';
import { describeEndpoint, endpointOfCall, proxyOfCall } from '../diagnosis/diagnose';
import type { ClockFact, CredentialLink, CredentialsFact, RegionOptInFact, TargetFact } from '../diagnosis/facts';
import { defineProbe, type ProbeOutcome } from '../diagnosis/probe';
import { fallbackRegion, isOptInRegion } from '../regions/regions';
import { freshCredentialsFixes, hasStrayToken, isTemporary, strayTokenCause, temporaryRejectedCause } from './credential-causes';
import { describeOffset, enableRegionFixes, maxClockSkewMs, note, ssoSignInFixes, stsRegionOf } from './shared';

/**
 * AWS's signature windows (docs/aws-behaviour.md §7): STS accepts a request time up to 15 minutes off
 * (aws/aws-cli#6676, "- 15 min."), MemoryDB's JSON front door 5. So a 5–15 minute skew passes
 * STS on the first try and fails MemoryDB; past 15 both refuse until the SDK corrects its clock.
 */
const stsWindowMinutes = 15;
const memoryDbWindowMinutes = maxClockSkewMs / 60_000;

/** What the STS exchange showed about the clock, in the words of what happened. */
function clockObservation(clock: ClockFact, firstRefused: boolean): string {
  const offset = describeOffset(clock.offsetMs);
  if (firstRefused)
    return `The ${offset} (server Date: ${clock.serverDate}): STS refused the first request as outside its ${stsWindowMinutes}-minute window, and the SDK retried with a corrected clock. MemoryDB allows ${memoryDbWindowMinutes} minutes; tools that do not correct their clock (the AWS CLI, redis clients signing IAM tokens) fail.`;
  if (Math.abs(clock.offsetMs) <= stsWindowMinutes * 60_000)
    return `The ${offset} (server Date: ${clock.serverDate}): STS accepted the request (it allows ${stsWindowMinutes} minutes), but MemoryDB allows only ${memoryDbWindowMinutes}, so MemoryDB calls and IAM auth tokens signed on this machine are refused.`;
  return `The ${offset} (server Date: ${clock.serverDate}); STS allows ${stsWindowMinutes} minutes and MemoryDB ${memoryDbWindowMinutes}, so signed requests are refused.`;
}

function clockSkewCause(clock: ClockFact, evidence: Evidence[], firstRefused = false): Cause {
  return makeCause(
    'credentials.clock-skew',
    clockObservation(clock, firstRefused),
    [...evidence, note('Clock offset', `${describeOffset(clock.offsetMs)}, measured from the Date header of the STS response.`)],
    [
      {
        kind: 'copy-command',
        label: 'Synchronise the system clock (Linux with systemd; on macOS and Windows turn on automatic time)',
        command: 'sudo timedatectl set-ntp true',
      },
    ],
  );
}

function newKeyFixes(target: TargetFact): Fix[] {
  return [
    { kind: 'open-console', label: 'Create or check access keys in the IAM console', url: 'https://console.aws.amazon.com/iam/home#/security_credentials' },
    { kind: 'copy-command', label: 'Write a working key into the profile', command: `aws configure --profile ${target.profile.name}` },
  ];
}

/** The cause a refused GetCallerIdentity names, when the refusal alone decides it. */
export function causeOfStsFailure(
  target: TargetFact,
  failure: AwsFailure,
  clock: ClockFact | undefined,
  evidence: Evidence[],
  credentials?: CredentialsFact,
): Cause | null {
  const name = target.profile.name;
  switch (failure.kind) {
    case 'key-rejected':
      // A long-term key with a stray token can be refused this way too, before its token is looked at.
      if (credentials && hasStrayToken(credentials)) return strayTokenCause(target, credentials, failure, evidence);
      if (credentials && isTemporary(credentials)) return temporaryRejectedCause(target, credentials, failure, evidence);
      return makeCause(
        'credentials.key-rejected',
        `AWS does not recognise the access key id (${failure.errorName}): it is unknown, deleted or inactive.`,
        evidence,
        newKeyFixes(target),
      );
    case 'signature': {
      const skewed = (clock && Math.abs(clock.offsetMs) > maxClockSkewMs) || /signature (expired|not yet current)|time.*skew/i.test(failure.message);
      if (skewed && clock) return clockSkewCause(clock, evidence, true);
      if (skewed) return makeCause('credentials.clock-skew', `AWS says the request time is off: ${failure.message}`, evidence, []);
      return makeCause(
        'credentials.secret-mismatch',
        `AWS knows the key id but the signature does not match (${failure.errorName}): the secret access key is wrong.`,
        [
          ...evidence,
          ...(clock
            ? [note('Clock offset', `${describeOffset(clock.offsetMs)} — within the ${memoryDbWindowMinutes} minutes MemoryDB allows, so not the clock.`)]
            : []),
        ],
        newKeyFixes(target),
      );
    }
    case 'incomplete-signature':
      return makeCause(
        'profile.malformed',
        `AWS could not read the signature (${failure.errorName}): the key id most likely holds whitespace or a line break.`,
        evidence,
        [{ kind: 'copy-command', label: 'Re-enter the key without stray characters', command: `aws configure --profile ${name}` }],
      );
    case 'expired':
      if (credentials && hasStrayToken(credentials)) return strayTokenCause(target, credentials, failure, evidence);
      return target.profile.kind === 'sso'
        ? makeCause('credentials.sso-expired', `The SSO role credentials have expired (${failure.errorName}).`, evidence, ssoSignInFixes(name))
        : makeCause(
            'credentials.expired',
            `The temporary credentials have expired (${failure.errorName}).`,
            evidence,
            credentials ? freshCredentialsFixes(target, credentials) : [],
          );
    case 'region-disabled':
      return makeCause('region.not-enabled', `STS is not activated in ${stsRegionOf(target)} for this account (${failure.errorName}).`, evidence, []);
    default:
      return null;
  }
}

/** When environment keys shadow a profile and they are the ones failing, the shadowing is the root cause. */
function shadowingCause(target: TargetFact, link: CredentialLink, failure: AwsFailure, evidence: Evidence[]): Cause | null {
  const env = target.profile.envCredentials;
  if (!env || link !== 'environment' || !target.profile.exists || !target.profile.maskedKeyId) return null;
  return makeCause(
    'profile.env-shadowing',
    `AWS_ACCESS_KEY_ID (${env.maskedKeyId}) overrides the key of profile "${target.profile.name}" (${target.profile.maskedKeyId}), and AWS refuses it (${failure.errorName}).`,
    [
      note('Environment credentials in use', `AWS_ACCESS_KEY_ID=${env.maskedKeyId} wins over [${target.profile.name}] (${target.profile.maskedKeyId}).`),
      ...evidence,
    ],
    [
      {
        kind: 'copy-command',
        label: 'Stop the environment from overriding the profile (in your shell profile too)',
        command: 'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN',
      },
    ],
    'error',
  );
}

/**
 * Step 1, live: sts:GetCallerIdentity needs no permission and works even under an explicit
 * deny, so any refusal is about the credentials, the clock or the endpoint. The Date header
 * of every attempt gives the clock offset; a refused key id in a region that may not be
 * enabled is left to the differential probe.
 */
export const callerIdentityProbe = defineProbe({
  id: 'credentials.caller-identity',
  step: 'credentials',
  title: 'Who AWS says you are (sts:GetCallerIdentity)',
  needs: ['target', 'credentials'],
  yields: ['identity', 'stsRejection', 'clock'],
  async run({ need, call }): Promise<ProbeOutcome> {
    const target = need('target');
    const credentials = need('credentials');
    const region = stsRegionOf(target);
    const result = await call('sts', region, `sts:GetCallerIdentity in ${region}`, (client, options) => client.send(new GetCallerIdentityCommand({}), options));
    const clock = clockOffsetFrom(result.attempts);
    const evidence = [result.evidence];
    const skewed = clock && Math.abs(clock.offsetMs) > maxClockSkewMs;
    if (result.ok) {
      const { Arn = '', Account = '', UserId = '' } = result.output;
      const facts = { identity: { arn: Arn, account: Account, userId: UserId, region }, ...(clock ? { clock } : {}) };
      if (skewed) {
        const retried = result.attempts.find((attempt) => attempt.errorBody);
        const body = readErrorBody(retried?.errorBody);
        const firstAttempt: Evidence | undefined = retried && {
          label: 'First attempt refused; the SDK corrected its clock and retried',
          request: `sts:GetCallerIdentity in ${region}`,
          errorName: body.code,
          httpStatus: retried.httpStatus,
          requestId: retried.requestId,
          message: body.message ?? retried.errorBody?.slice(0, 300),
        };
        const skewEvidence = firstAttempt ? [...evidence, firstAttempt] : evidence;
        const cause = clockSkewCause(clock, skewEvidence, firstAttempt !== undefined);
        return {
          status: 'fail',
          verdict: firstAttempt
            ? `Signed in as ${Arn}, but only after the SDK corrected a ${describeOffset(clock.offsetMs)}; other tools will fail.`
            : `Signed in as ${Arn} on the first try (STS allows ${stsWindowMinutes} minutes), but the ${describeOffset(clock.offsetMs)} is outside MemoryDB's ${memoryDbWindowMinutes}.`,
          evidence: skewEvidence,
          causes: [cause],
          facts,
        };
      }
      return { status: 'pass', verdict: `AWS accepts the key: ${Arn} (account ${Account}).`, evidence, facts };
    }
    const { failure } = result;
    const clockFacts = clock ? { clock } : {};
    const shadowing = shadowingCause(target, credentials.link, failure, evidence);
    if (failure.kind === 'key-rejected' && region !== fallbackRegion(region)) {
      return {
        status: 'fail',
        verdict: `${failure.errorName} in ${region}; asking ${fallbackRegion(region)} (always enabled) whether the key itself is known.`,
        evidence,
        causes: shadowing ? [shadowing] : [],
        facts: { stsRejection: { region, failure, evidence: result.evidence }, ...clockFacts },
      };
    }
    const cause = causeOfStsFailure(target, failure, clock, evidence, credentials);
    if (!cause) {
      const verdict =
        failure.kind === 'network'
          ? `Could not reach STS in ${region} at ${describeEndpoint(target, 'sts', region)}: ${failure.message}`
          : failure.kind === 'throttled' || failure.kind === 'server'
            ? `STS kept failing (${failure.errorName}) even after retries; try again later.`
            : `STS did not answer in a way that names a cause: ${failure.errorName} — ${failure.message}${proxyAnswerHint(target, region, failure)}`;
      return { status: 'unknown', verdict, evidence, facts: clockFacts };
    }
    return { status: 'fail', verdict: cause.summary, evidence: cause.evidence, causes: shadowing ? [shadowing, cause] : [cause], facts: clockFacts };
  },
});

/** Said of an answer AWS would never give (HTML, no request id) when a proxy stood between: it is most likely the proxy's. */
function proxyAnswerHint(target: TargetFact, region: string, failure: AwsFailure): string {
  const route = proxyOfCall(target, 'sts', region);
  if (!route || failure.requestId) return '';
  return ` The request went through the proxy ${route.shown} (from ${route.variable}); an answer without an AWS request id is the proxy's own (a refused tunnel, or its sign-in page), not AWS's: check the proxy allows ${endpointOfCall(target, 'sts', region)}.`;
}

const v1TokenFixes: Fix[] = [
  {
    kind: 'copy-command',
    label:
      'Make the global STS endpoint issue version 2 tokens, valid in every region (account-wide; needs iam:SetSecurityTokenServicePreferences), then get new temporary credentials',
    command: 'aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token',
  },
  {
    kind: 'copy-command',
    label: 'Or have the tool that makes these credentials ask a regional STS endpoint (AWS CLI v1 and older SDKs default to the global one)',
    command: 'export AWS_STS_REGIONAL_ENDPOINTS=regional',
  },
];

/**
 * Why a key accepted in an always-enabled region is refused in `refused`. Long-term keys: the
 * region is not enabled. Temporary credentials in an opt-in region: a session token from the
 * global STS endpoint (version 1) is refused in every opt-in region, even an enabled one
 * (docs/aws-behaviour.md §7), so the opt-in status decides; when it is unknown, both are named.
 */
function regionRefusalCause(refused: string, acceptedIn: string, temporary: boolean, optIn: RegionOptInFact | undefined, evidence: Evidence[]): Cause {
  const enabled = optIn?.region === refused && (optIn.status === 'ENABLED' || optIn.status === 'ENABLED_BY_DEFAULT');
  const known = optIn?.region === refused && optIn.status !== 'unknown';
  if (temporary && isOptInRegion(refused) && enabled) {
    return makeCause(
      'region.v1-token-refused',
      `The temporary credentials work in ${acceptedIn} but not in ${refused}, which the account has enabled (${optIn.status}): their session token comes from the global STS endpoint (version 1), and opt-in regions refuse those.`,
      [...evidence, note(`${refused} is enabled`, `account:GetRegionOptStatus says ${optIn.status}.`)],
      v1TokenFixes,
    );
  }
  if (temporary && isOptInRegion(refused) && !known) {
    return makeCause(
      'region.not-enabled',
      `The temporary credentials work in ${acceptedIn} but not in ${refused}: either ${refused} is not enabled for the account, or the session token comes from the global STS endpoint (version 1), which opt-in regions refuse even when enabled. account:GetRegionOptStatus would tell which.`,
      evidence,
      [...enableRegionFixes(refused), ...v1TokenFixes],
    );
  }
  return makeCause(
    'region.not-enabled',
    `The key works in ${acceptedIn} but not in ${refused}: ${refused} is an opt-in region this account has not enabled.`,
    evidence,
    enableRegionFixes(refused),
  );
}

/**
 * Step 1, differential: the same key against STS in a region every account has enabled.
 * Accepted there means the configured region is an opt-in region this account has not
 * enabled; refused there too means the key id itself is unknown, deleted or inactive.
 */
export const stsDifferentialProbe = defineProbe({
  id: 'credentials.same-key-elsewhere',
  step: 'credentials',
  title: 'The same key in an always-enabled region',
  needs: ['target', 'credentials', 'stsRejection'],
  uses: ['regionOptIn'],
  yields: ['identity'],
  skipReasons: { stsRejection: 'Not needed: STS did not refuse the key id in the configured region.', credentials: 'Not run: no credentials to check.' },
  async run({ need, call, facts }): Promise<ProbeOutcome> {
    const target = need('target');
    const credentials = need('credentials');
    const rejection = need('stsRejection');
    const region = fallbackRegion(rejection.region);
    const result = await call('sts', region, `sts:GetCallerIdentity in ${region}`, (client, options) => client.send(new GetCallerIdentityCommand({}), options));
    const evidence = [rejection.evidence, result.evidence];
    if (result.ok) {
      const { Arn = '', Account = '', UserId = '' } = result.output;
      const cause = regionRefusalCause(rejection.region, region, isTemporary(credentials), facts.regionOptIn, evidence);
      return { status: 'fail', verdict: cause.summary, evidence, causes: [cause], facts: { identity: { arn: Arn, account: Account, userId: UserId, region } } };
    }
    if (result.failure.kind === 'key-rejected') {
      const cause = causeOfStsFailure(target, result.failure, undefined, evidence, credentials);
      return { status: 'fail', verdict: `Refused in ${region} as well: the key id is unknown, deleted or inactive.`, evidence, causes: cause ? [cause] : [] };
    }
    const cause = causeOfStsFailure(
      target,
      rejection.failure,
      undefined,
      [...evidence, note(`The check in ${region} could not decide`, result.failure.message)],
      credentials,
    );
    return {
      status: 'unknown',
      verdict: `Could not ask ${region} (${result.failure.errorName}); going by the refusal in ${rejection.region}.`,
      evidence,
      causes: cause ? [cause] : [],
    };
  },
});
