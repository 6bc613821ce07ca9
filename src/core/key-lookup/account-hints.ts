import type { ProfileDetail } from '../profiles/types';

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The account an access key id seems to belong to, read from the id itself. UNOFFICIAL: AWS
 * documents sts:GetAccessKeyInfo as the way to learn a key's account; that key ids issued since
 * about 2019 carry the account id (bits 7–46 of the base32-decoded characters after the prefix)
 * is an observation published by security researchers, not a contract. Used only as a hint for
 * which local profiles to offer; AWS is asked before anything is concluded. Older ids (AKIAI…,
 * AKIAJ…) do not follow the layout and give no hint.
 */
export function accountHintOfKeyId(keyId: string | null | undefined): string | null {
  const id = keyId?.trim() ?? '';
  if (!/^(AKIA|ASIA)[A-Z2-7]{16}$/.test(id) || /^(AKIA|ASIA)[IJ]/.test(id)) return null;
  let value = 0n;
  for (const char of id.slice(4, 14)) value = (value << 5n) | BigInt(base32.indexOf(char));
  const head = value >> 2n;
  return String((head & 0x7fffffffff80n) >> 7n).padStart(12, '0');
}

/** A local hint of a profile's account and where it comes from: its key id, sso_account_id or role_arn. */
export function accountHintOf(profile: ProfileDetail): { account: string; from: string } | null {
  const ssoAccount = profile.settings.sso_account_id?.trim();
  if (ssoAccount && /^\d{12}$/.test(ssoAccount)) return { account: ssoAccount, from: 'its sso_account_id' };
  const roleAccount = /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(profile.settings.role_arn?.trim() ?? '')?.[1];
  if (roleAccount) return { account: roleAccount, from: 'its role_arn' };
  const keyAccount = accountHintOfKeyId(profile.secrets.accessKeyId);
  return keyAccount ? { account: keyAccount, from: 'its key id' } : null;
}
