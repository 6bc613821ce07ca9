import type { RotationPlan, RotationQuestion, UnfinishedRotation } from '../../shared/model/rotation';
import type { RotationRequest } from './rotate';

/** A question for the person, in plain words, that the desktop shows in a dialog of its own. */
export interface RotationConfirmation {
  title: string;
  message: string;
  detail: string;
  confirmLabel: string;
}

function deleteOldWords(request: RotationRequest): string {
  switch (request.deleteOld) {
    case 'now':
      return 'then delete the old key (you are asked again before it is deleted)';
    case 'after-grace':
      return `then offer to delete the old key after ${request.graceDays ?? 7} days`;
    case 'no':
      return 'and keep the old key, inactive';
  }
}

/** The plan of a rotation about to start, for the person to agree to outside the page. */
export function rotationStartConfirmation(request: RotationRequest, plan: RotationPlan | null): RotationConfirmation {
  const who = plan?.userName ? ` of IAM user ${plan.userName}` : '';
  const where = plan?.credentialsFile ?? 'the credentials file';
  const oldKey = plan?.currentKey ? ` ${plan.currentKey.maskedKeyId}` : '';
  const lines = [
    ...(plan?.steps ?? []).map((step, index) => `${index + 1}. ${step.description}`),
    ...(plan?.sharedWith.length ? [`Also updated: ${plan.sharedWith.join(', ')} (they hold the same key).`] : []),
    ...(plan?.warnings ?? []).map((warning) => `Note: ${warning}`),
    ...(request.otherKeyAction === 'delete' && plan?.otherKey ? [`The inactive second key ${plan.otherKey.maskedKeyId} is deleted first.`] : []),
  ];
  return {
    title: `Rotate the access key of profile ${request.profile}?`,
    message: `Create a new access key${who}, write it to ${where}, check that it works, deactivate the old key${oldKey}, ${deleteOldWords(request)}.`,
    detail: lines.length > 0 ? lines.join('\n') : 'The app checks the key with AWS before it changes anything.',
    confirmLabel: 'Rotate the key',
  };
}

const deletionTitles: Record<RotationQuestion['kind'], string> = {
  'confirm-delete-other-key': 'Delete the inactive second key?',
  'confirm-delete-old-key': 'Delete the old key?',
  'confirm-delete-lost-key': 'Delete the key whose secret was lost?',
  'mfa-code': 'Enter the MFA code',
};

/** A deletion the run is about to make. */
export function rotationQuestionConfirmation(question: RotationQuestion): RotationConfirmation {
  return {
    title: deletionTitles[question.kind],
    message: question.message,
    detail: 'Deleting an access key cannot be undone.',
    confirmLabel: 'Delete the key',
  };
}

/** Finishing or undoing an interrupted rotation. */
export function recoveryConfirmation(rotation: UnfinishedRotation, action: 'finish' | 'undo'): RotationConfirmation {
  return {
    title: action === 'finish' ? `Finish the rotation of profile ${rotation.profile}?` : `Undo the rotation of profile ${rotation.profile}?`,
    message: action === 'finish' ? rotation.finishMeans : rotation.undoMeans,
    detail: 'The app checks the keys with AWS before it changes anything.',
    confirmLabel: action === 'finish' ? 'Finish the rotation' : 'Undo the rotation',
  };
}
