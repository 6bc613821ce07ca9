import type { Fix, StepId } from '../../../shared/model/diagnosis';
import type { WizardPage } from './steps';

/** What the person typed on the Start page: kept here so it survives a visit to another page. */
export interface StartDraft {
  /** The profile picked; null until then (the SDK's default is shown). */
  profile: string | null;
  cluster: string;
  region: string;
  user: string;
  signIn: 'password' | 'iam' | null;
  /** An error message pasted in "I have an error message". */
  errorText: string;
}

type SetValueFix = Extract<Fix, { kind: 'set-value' }>;

/** Everything the wizard shows besides the run itself: where the person is and what they opened or typed. */
export interface WizardState {
  page: WizardPage;
  draft: StartDraft;
  /** Steps whose "Show evidence" disclosure is open. */
  evidenceOpen: Partial<Record<StepId, boolean>>;
  rotationProfile: string | null;
  fileFix: SetValueFix | null;
  /** The profile whose IAM Identity Center sign-in dialog is open. */
  signInProfile: string | null;
}

export type WizardAction =
  | { type: 'go'; page: WizardPage }
  | { type: 'edit-draft'; change: Partial<StartDraft> }
  | { type: 'toggle-evidence'; step: StepId }
  | { type: 'open-rotation'; profile: string }
  | { type: 'close-rotation' }
  | { type: 'open-file-fix'; fix: SetValueFix }
  | { type: 'close-file-fix' }
  | { type: 'open-sso-sign-in'; profile: string }
  | { type: 'close-sso-sign-in' };

export const initialWizardState: WizardState = {
  page: 'start',
  draft: { profile: null, cluster: '', region: '', user: '', signIn: null, errorText: '' },
  evidenceOpen: {},
  rotationProfile: null,
  fileFix: null,
  signInProfile: null,
};

function assertNever(value: never): never {
  throw new Error(`Unhandled wizard action ${JSON.stringify(value)}`);
}

/** Folds what the person does in the wizard into its state. */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'go':
      return { ...state, page: action.page };
    case 'edit-draft':
      return { ...state, draft: { ...state.draft, ...action.change } };
    case 'toggle-evidence':
      return { ...state, evidenceOpen: { ...state.evidenceOpen, [action.step]: !state.evidenceOpen[action.step] } };
    case 'open-rotation':
      return { ...state, rotationProfile: action.profile, page: 'renew' };
    case 'close-rotation':
      return { ...state, rotationProfile: null };
    case 'open-file-fix':
      return { ...state, fileFix: action.fix };
    case 'close-file-fix':
      return { ...state, fileFix: null };
    case 'open-sso-sign-in':
      return { ...state, signInProfile: action.profile };
    case 'close-sso-sign-in':
      return { ...state, signInProfile: null };
    default:
      return assertNever(action);
  }
}
