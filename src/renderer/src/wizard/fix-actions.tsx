import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Fix } from '../../../shared/model/diagnosis';
import type { DoctorApi } from '../../../shared/ipc/contract';
import type { KeyLookUpResult } from '../../../shared/model/key-lookup';
import { useApi } from '../hooks/use-api';

/** What the wizard does for fixes that open another screen (a file edit preview, the rotation). */
export interface FixHandlers {
  onFileFix(fix: Extract<Fix, { kind: 'set-value' }>): void;
  onRotate(profile: string): void;
  /** Signs the profile in to IAM Identity Center, then runs the diagnosis again. */
  onSsoSignIn(profile: string): void;
  /** IAM answered about a refused key: the report (rail, steps, summary) takes what it found. */
  onKeyLookedUp(result: KeyLookUpResult): void;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled fix ${JSON.stringify(value)}`);
}

async function copy(api: DoctorApi, text: string, what: string) {
  const result = await api.copyText({ text });
  notifications.show(
    result.ok ? { message: `${what} copied to the clipboard.`, color: 'green' } : { title: 'Could not copy', message: result.error.message, color: 'red' },
  );
}

async function open(api: DoctorApi, url: string) {
  const result = await api.openExternal({ url });
  if (!result.ok) notifications.show({ title: 'Could not open the page', message: result.error.message, color: 'red' });
}

// A fix's label is a sentence that can be longer than the page is wide: it wraps, never cut off.
const wrapping = {
  root: { height: 'auto', paddingBlock: 'calc(var(--mantine-spacing-xs) / 2)' },
  label: { whiteSpace: 'normal', overflow: 'visible', textAlign: 'left', lineHeight: 1.35 },
} as const;

/** What pressing a fix's button does: copying and opening links go through the main process. */
function actionOf(fix: Fix, api: DoctorApi, handlers: FixHandlers): () => void {
  switch (fix.kind) {
    case 'set-value':
      return () => handlers.onFileFix(fix);
    case 'copy-policy':
      return () => void copy(api, fix.json, 'The policy');
    case 'copy-command':
    case 'refresh-command':
      return () => void copy(api, fix.command, 'The command');
    case 'open-console':
      return () => void open(api, fix.url);
    case 'rotate-key':
      return () => handlers.onRotate(fix.profile);
    case 'sso-sign-in':
      return () => handlers.onSsoSignIn(fix.profile);
    default:
      return assertNever(fix);
  }
}

/** One fix as a button. The primary one (at most one per page) is the large filled button. */
export function FixButton({ fix, handlers, primary = false }: { fix: Fix; handlers: FixHandlers; primary?: boolean }) {
  const api = useApi();
  // A link out reads quieter than an action that changes something.
  const secondary = fix.kind === 'open-console' ? 'default' : 'light';
  return (
    <Button size={primary ? 'sm' : 'xs'} styles={wrapping} variant={primary ? 'filled' : secondary} onClick={actionOf(fix, api, handlers)}>
      {fix.label}
    </Button>
  );
}

/** Every fix of a cause or probe as a row of buttons. */
export function FixActions({ fixes, handlers }: { fixes: readonly Fix[]; handlers: FixHandlers }) {
  if (fixes.length === 0) return null;
  return (
    <Group gap="xs">
      {fixes.map((fix, index) => (
        <FixButton key={`${fix.kind}-${index}`} fix={fix} handlers={handlers} />
      ))}
    </Group>
  );
}
