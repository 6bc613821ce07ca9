import { signIn, type SsoPrompt } from '../../../core/sso/sign-in';
import { SsoLoginError } from '../../../core/sso/sso-errors';
import type { ParsedRequestOf } from '../../../shared/ipc/contract';
import type { SsoSignInEvent } from '../../../shared/model/sso';
import type { HandlerContext } from '../dispatcher';
import type { HandlerScope } from './index';

type Emit = (event: Omit<SsoSignInEvent, 'runId' | 'profile'>) => void;

const methodWords = { cached: 'Already signed in', refreshed: 'Session renewed', 'device-code': 'Signed in', 'authorization-code': 'Signed in' } as const;

/**
 * Answers for the IAM Identity Center sign-in. A sign-in is a job: its steps stream on
 * `onSsoSignInEvent` and carry the page to open, the code to check, then the session's end
 * or a typed failure: the schema has no field a token, refresh token, client secret or
 * device code could ride in. Main, not the page, opens the system browser, and only at the
 * URL IAM Identity Center returned; in browser mode the page shows that URL as a link.
 */
export function createSsoHandlers(deps: HandlerScope) {
  async function showPrompt(prompt: SsoPrompt, emit: Emit): Promise<void> {
    let opened = false;
    if (deps.shell.openSignInPage) {
      try {
        await deps.shell.openSignInPage(prompt.verificationUriComplete);
        opened = true;
      } catch {
        opened = false;
      }
    }
    emit({
      state: 'waiting',
      message: prompt.userCode ? 'Open the page and check that it shows this code, then allow access.' : 'Finish signing in in your browser.',
      prompt: {
        flow: prompt.flow,
        verificationUri: prompt.verificationUri,
        verificationUriComplete: prompt.verificationUriComplete,
        userCode: prompt.userCode,
        expiresAt: prompt.expiresAt.toISOString(),
        openedInBrowser: opened,
      },
      expiresAt: null,
      method: null,
      failure: null,
    });
  }

  return {
    async startSsoSignIn(request: ParsedRequestOf<'startSsoSignIn'>, context: HandlerContext) {
      const host = deps.host.current();
      // One sign-in at a time, as for the diagnosis: a new one replaces (cancels) the one waiting, so a
      // page cannot pile up sign-ins that each open a browser tab, hold a redirect listener and poll AWS.
      for (const running of deps.jobs.active('sso-sign-in')) deps.jobs.cancel('sso-sign-in', running);
      const runId = deps.jobs.start('sso-sign-in', async (signal, id) => {
        const emit: Emit = (event) => context.emit('onSsoSignInEvent', { runId: id, profile: request.profile, ...event });
        emit({ state: 'starting', message: 'Contacting IAM Identity Center...', prompt: null, expiresAt: null, method: null, failure: null });
        try {
          const result = await signIn({
            host,
            profile: request.profile,
            useDeviceCode: request.useDeviceCode === true || deps.signInFlow === 'device-code',
            signal,
            onPrompt: (prompt) => showPrompt(prompt, emit),
          });
          const until = result.expiresAt.toISOString();
          emit({
            state: 'signed-in',
            message: `${methodWords[result.method]} until ${until}.`,
            prompt: null,
            expiresAt: until,
            method: result.method,
            failure: null,
          });
        } catch (error) {
          const failure =
            error instanceof SsoLoginError
              ? { code: error.code, message: error.message }
              : { code: 'unreachable' as const, message: error instanceof Error ? error.message : String(error) };
          emit({ state: 'failed', message: failure.message, prompt: null, expiresAt: null, method: null, failure });
        }
      });
      return { runId };
    },
    async cancelSsoSignIn(request: ParsedRequestOf<'cancelSsoSignIn'>) {
      return { cancelled: deps.jobs.cancel('sso-sign-in', request.runId) };
    },
  };
}
