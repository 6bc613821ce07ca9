import { ActionIcon, AppShell, Group, Title, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import type { ReactNode } from 'react';

export interface AppFrameProps {
  rail: ReactNode;
  children: ReactNode;
  /** Extra header content on the right (e.g. the selected profile). */
  headerExtra?: ReactNode;
}

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const computed = useComputedColorScheme('light');
  const next = computed === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to ${next} theme`}>
      <ActionIcon variant="default" size="lg" aria-label={`Switch to ${next} theme`} onClick={() => setColorScheme(next)}>
        <span aria-hidden="true">{computed === 'dark' ? '☀' : '☾'}</span>
      </ActionIcon>
    </Tooltip>
  );
}

/** The window's frame: header, left rail, content. */
export function AppFrame({ rail, children, headerExtra }: AppFrameProps) {
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Title order={1} size="h4">
            MemoryDB Credentials Doctor
          </Title>
          <Group gap="sm" wrap="nowrap">
            {headerExtra}
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" withBorder={false}>
        {rail}
      </AppShell.Navbar>
      <AppShell.Main>
        {/* The rail's edge is drawn by the content, which is as tall as the page: a fixed rail's
            own border ends at the bottom of the first screen of a long (or captured) page. */}
        <div
          id="content"
          style={{
            borderInlineStart: '1px solid var(--app-shell-border-color)',
            margin: 'calc(var(--mantine-spacing-md) * -1)',
            padding: 'var(--mantine-spacing-md)',
            minHeight: 'calc(100dvh - var(--app-shell-header-height, 56px))',
          }}
        >
          {children}
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
