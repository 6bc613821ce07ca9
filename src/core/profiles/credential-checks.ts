import type { FindingLocation } from '../../shared/model/finding';
import { invisibleChars } from './known-keys';
import { makeFinding, type CatalogueFinding } from './types';

/** A credential triple with where each part came from (a file line or a variable). */
export interface CredentialParts {
  accessKeyId: { value: string; location: FindingLocation } | null;
  secretAccessKey: { value: string; location: FindingLocation } | null;
  sessionToken: { value: string; location: FindingLocation } | null;
  /** A recorded expiry (aws_expiration, x_security_token_expires, AWS_CREDENTIAL_EXPIRATION). */
  expiration: { value: string; location: FindingLocation } | null;
}

const keyIdPattern = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const secretPattern = /^[A-Za-z0-9/+]{40}$/;

/** True when a value only differs from a clean token by quotes, whitespace or invisible characters. */
function isDirty(value: string): boolean {
  return /[\s"']/.test(value) || invisibleChars.test(value);
}

/**
 * Shape checks AWS would fail at sign-in: key id and secret formats, the prefix that says
 * whether a session token belongs, a missing half of the pair, and a recorded expiry.
 * Dirty values (quotes, spaces) are reported by the value checks instead, once.
 */
export function credentialFindings(parts: CredentialParts, profile: string | null, now: Date, where: string): CatalogueFinding[] {
  const findings: CatalogueFinding[] = [];
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = parts;
  if ((accessKeyId === null) !== (secretAccessKey === null)) {
    const present = accessKeyId ?? secretAccessKey!;
    findings.push(
      makeFinding('credentials.incomplete', {
        message: accessKeyId
          ? `${where} has an access key id but no secret access key, so the SDK does not use the pair.`
          : `${where} has a secret access key but no access key id, so the SDK does not use the pair.`,
        location: present.location,
        fixHint: 'Add the missing half (both come from the same "Create access key" screen), or remove the leftover line.',
        profile,
      }),
    );
  }
  if (accessKeyId && !isDirty(accessKeyId.value) && !keyIdPattern.test(accessKeyId.value)) {
    findings.push(
      makeFinding('key-id.shape', {
        message: `The access key id in ${where} is ${accessKeyId.value.length} characters${/^(AKIA|ASIA)/.test(accessKeyId.value) ? '' : ' and does not start with AKIA or ASIA'}; AWS access key ids are 20 upper-case letters and digits.`,
        location: accessKeyId.location,
        fixHint: 'Copy the access key id again from where it was created (IAM console, `aws iam create-access-key`, or your SSO/role tooling).',
        profile,
      }),
    );
  }
  if (secretAccessKey && !isDirty(secretAccessKey.value) && !secretPattern.test(secretAccessKey.value)) {
    findings.push(
      makeFinding('secret.shape', {
        message: `The secret access key in ${where} is ${secretAccessKey.value.length} characters${/^[A-Za-z0-9/+]*$/.test(secretAccessKey.value) ? '' : ' with characters outside A-Z, a-z, 0-9, / and +'}; AWS secrets are exactly 40.`,
        location: secretAccessKey.location,
        fixHint: 'Paste the secret again in full; if it is lost, create a new access key (the secret is shown only once).',
        profile,
      }),
    );
  }
  if (accessKeyId && /^ASIA/.test(accessKeyId.value) && sessionToken === null) {
    findings.push(
      makeFinding('key-id.token-mismatch', {
        message: `The key id in ${where} starts with ASIA (temporary credentials) but there is no session token; AWS rejects temporary keys without their token.`,
        location: accessKeyId.location,
        fixHint: 'Add aws_session_token from the same STS response, or get fresh temporary credentials.',
        profile,
      }),
    );
  }
  if (accessKeyId && /^AKIA/.test(accessKeyId.value) && sessionToken !== null) {
    findings.push(
      makeFinding('key-id.token-mismatch', {
        message: `The key id in ${where} starts with AKIA (a long-term IAM user key) but a session token is also set; AWS rejects the request because the token does not belong to this key.`,
        location: sessionToken.location,
        fixHint: 'Remove the leftover session token, or put back the temporary (ASIA) key id it belongs to.',
        profile,
      }),
    );
  }
  if (expiration && sessionToken !== null) {
    const expires = new Date(expiration.value);
    if (!Number.isNaN(expires.getTime()) && expires.getTime() <= now.getTime()) {
      findings.push(
        makeFinding('credentials.expired', {
          message: `The temporary credentials in ${where} expired at ${expires.toISOString()}.`,
          location: expiration.location,
          fixHint: 'Get fresh temporary credentials from the tool that wrote them (aws sts get-session-token, your SSO or role helper).',
          profile,
        }),
      );
    }
  }
  return findings;
}
