import { NavLink, Stack, Text } from '@mantine/core';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface RailItem {
  id: string;
  label: string;
  /** Words, not colour alone, carry the status for screen readers and colour-blind users. */
  statusLabel?: string;
  icon?: ReactNode;
}

export interface StepRailProps {
  items: readonly RailItem[];
  activeId: string;
  onSelect(id: string): void;
}

/**
 * The left rail: a list of steps reachable with Tab, Arrow keys, Home and End; Enter or
 * Space opens the focused step.
 */
export function StepRail({ items, activeId, onSelect }: StepRailProps) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);

  function focusAt(index: number) {
    const count = items.length;
    refs.current[(index + count) % count]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>, index: number) {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      focusAt(target);
    }
  }

  return (
    <nav aria-label="Wizard steps">
      <Stack gap={2} component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((item, index) => (
          <li key={item.id}>
            <NavLink
              ref={(element: HTMLButtonElement | null) => {
                refs.current[index] = element;
              }}
              component="button"
              type="button"
              active={item.id === activeId}
              aria-current={item.id === activeId ? 'step' : undefined}
              label={item.label}
              description={
                item.statusLabel ? (
                  // The active entry's tinted background is too light for dimmed text (WCAG AA).
                  <Text size="xs" c={item.id === activeId ? 'var(--mantine-primary-color-light-color)' : 'dimmed'}>
                    {item.statusLabel}
                  </Text>
                ) : undefined
              }
              leftSection={item.icon}
              // Mantine fades the active description to 90 %, below WCAG AA on the tinted background.
              styles={{ description: { opacity: 1 } }}
              onKeyDown={(event: KeyboardEvent<HTMLElement>) => onKeyDown(event, index)}
              onClick={() => onSelect(item.id)}
            />
          </li>
        ))}
      </Stack>
    </nav>
  );
}
