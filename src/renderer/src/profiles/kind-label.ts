import type { ProfileKind } from '../../../shared/model/profile';

const labels: Record<ProfileKind, string> = {
  static: 'IAM user keys',
  temporary: 'Temporary keys',
  'assume-role': 'Assume role',
  sso: 'SSO / Identity Center',
  process: 'credential_process',
  'web-identity': 'Web identity',
  environment: 'Environment variables',
  unknown: 'No credentials',
};

/** A profile kind in words. */
export function kindLabel(kind: ProfileKind): string {
  return labels[kind];
}
