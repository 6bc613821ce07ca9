import type { RotationLeftover } from '../../shared/model/rotation';
import { maskKeyId } from '../profiles/mask';

/** What to do about a key that IAM holds and the file does not. */
export type LeftoverAction = 'delete' | 'deactivate' | 'find-and-delete';

/** A key left behind, with the full id (main process and CLI only). */
export interface Leftover {
  /** Null when the key may exist but its id is unknown (the create call's answer was lost). */
  keyId: string | null;
  userName: string;
  profile: string;
  status: string;
  note: string;
  action: LeftoverAction;
}

export { maskKeyId };

/** The one AWS CLI command that cleans the leftover up, with the key id whole or masked. */
export function leftoverCommand(leftover: Leftover, masked: boolean): string {
  const id = leftover.keyId === null ? '' : masked ? maskKeyId(leftover.keyId) : leftover.keyId;
  const tail = `--user-name ${leftover.userName} --profile ${leftover.profile}`;
  switch (leftover.action) {
    case 'delete':
      return `aws iam delete-access-key --access-key-id ${id} ${tail}`;
    case 'deactivate':
      return `aws iam update-access-key --access-key-id ${id} --status Inactive ${tail}`;
    case 'find-and-delete':
      return `aws iam list-access-keys ${tail}  # then: aws iam delete-access-key --access-key-id <the key created at the time of the rotation> ${tail}`;
  }
}

/** The renderer's view of a leftover: masked id, masked command. */
export function toSharedLeftover(leftover: Leftover): RotationLeftover {
  return {
    maskedKeyId: leftover.keyId === null ? 'unknown' : maskKeyId(leftover.keyId),
    userName: leftover.userName,
    status: leftover.status,
    note: leftover.note,
    command: leftoverCommand(leftover, true),
  };
}
