import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Fix } from '../../../shared/model/diagnosis';
import { useApi } from '../hooks/use-api';

/** What the wizard does for fixes that open another screen (a file edit preview, the rotation). */
export interface FixHandlers {
  onFileFix(fix: Extract<Fix, { kind: 'set-value' }>): void;
  onRotate(profile: string): void;
  /** Signs the profile in to IAM Identity Center, then runs the diagnosis again. */
  onSsoSignIn(profile: string): void;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled fix ${JSON.stringify(value)}`);
}

/** One button per fix; copying and opening links go through the main process. */
export function FixActions({ fixes, handlers }: { fixes: readonly Fix[]; handlers: FixHandlers }) {
  const api = useApi();
  if (fixes.length === 0) return null;

  async function copy(text: string, what: string) {
    const result = await api.copyText({ text });
    notifications.show(
      result.ok ? { message: `${what} copied to the clipboard.`, color: 'green' } : { title: 'Could not copy', message: result.error.message, color: 'red' },
    );
  }

  async function open(url: string) {
    const result = await api.openExternal({ url });
    if (!result.ok) notifications.show({ title: 'Could not open the page', message: result.error.message, color: 'red' });
  }

  return (
    <Group gap="xs">
      {fixes.map((fix, index) => {
        const key = `${fix.kind}-${index}`;
        switch (fix.kind) {
          case 'set-value':
            return (
              <Button key={key} size="xs" onClick={() => handlers.onFileFix(fix)}>
                {fix.label}
              </Button>
            );
          case 'copy-policy':
            return (
              <Button key={key} size="xs" variant="light" onClick={() => void copy(fix.json, 'The policy')}>
                {fix.label}
              </Button>
            );
          case 'copy-command':
          case 'refresh-command':
            return (
              <Button key={key} size="xs" variant="light" onClick={() => void copy(fix.command, 'The command')}>
                {fix.label}
              </Button>
            );
          case 'open-console':
            return (
              <Button key={key} size="xs" variant="default" onClick={() => void open(fix.url)}>
                {fix.label}
              </Button>
            );
          case 'rotate-key':
            return (
              <Button key={key} size="xs" onClick={() => handlers.onRotate(fix.profile)}>
                {fix.label}
              </Button>
            );
          case 'sso-sign-in':
            return (
              <Button key={key} size="xs" onClick={() => handlers.onSsoSignIn(fix.profile)}>
                {fix.label}
              </Button>
            );
          default:
            return assertNever(fix);
        }
      })}
    </Group>
  );
}
