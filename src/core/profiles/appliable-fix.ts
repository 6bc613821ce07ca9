import type { ProfileFix } from '../../shared/model/finding';
import { isTrustedKey } from './known-keys';
import { maskedKeys, secretKeys } from './mask';

/** The key a fix leaves written in the file; null for a removal. */
export function writtenKey(fix: ProfileFix): string | null {
  switch (fix.kind) {
    case 'set-value':
    case 'clean-value':
      return fix.key;
    case 'rename-key':
      return fix.newKey;
    case 'remove-key':
    case 'owner-only':
      return null;
  }
}

/**
 * Whether the app may apply a fix at the page's request: never one that leaves a key the SDK
 * executes or trusts written (credential_process, ca_bundle, endpoint_url, role_arn, ...),
 * and never a set-value of a credential (those change only by rotation).
 */
export function isAppliableFix(fix: ProfileFix): boolean {
  const key = writtenKey(fix);
  if (key === null) return true;
  if (isTrustedKey(key)) return false;
  return !(fix.kind === 'set-value' && (secretKeys.has(key.toLowerCase()) || maskedKeys.has(key.toLowerCase())));
}
