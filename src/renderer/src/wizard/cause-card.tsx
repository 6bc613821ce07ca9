import { Alert, Badge, Code, Group, Stack, Text } from '@mantine/core';
import type { Cause, Fix } from '../../../shared/model/diagnosis';
import { FixActions, type FixHandlers } from './fix-actions';
import { KeyLookUpPanel } from './key-look-up-panel';

/** Where a command or policy shows in full, so the user reads it before copying it. */
export function FixPreviews({ fixes }: { fixes: readonly Fix[] }) {
  const texts = fixes.flatMap((fix) =>
    fix.kind === 'copy-command' || fix.kind === 'refresh-command' ? [fix.command] : fix.kind === 'copy-policy' ? [fix.json] : [],
  );
  if (texts.length === 0) return null;
  return (
    <Stack gap={4}>
      {texts.map((text, index) => (
        <Code key={index} block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {text}
        </Code>
      ))}
    </Stack>
  );
}

/**
 * A named cause in plain words: what it means here and what fixes it. The id is a small tag
 * (for search and reports); the evidence sits behind the page's "Show evidence".
 */
export function CauseCard({
  cause,
  fixHandlers,
  isRoot = false,
  skipFix,
  saidAbove = false,
  profile,
}: {
  cause: Cause;
  fixHandlers: FixHandlers;
  isRoot?: boolean;
  /** A fix already offered as the page's primary action, not repeated here. */
  skipFix?: Fix;
  /** The page's verdict already says this cause's sentence: the card does not say it twice. */
  saidAbove?: boolean;
  /** The diagnosed profile: a refused key offers to be looked up with another profile. */
  profile?: string;
}) {
  const color = cause.severity === 'error' ? 'red' : 'yellow';
  const fixes = cause.fixes.filter((fix) => fix !== skipFix);
  return (
    <Alert
      color={color}
      variant="light"
      title={
        <Group gap="xs">
          {isRoot && <Badge color="red">Root cause</Badge>}
          <Badge variant="outline" color={color}>
            {cause.severity === 'error' ? 'Error' : 'Warning'}
          </Badge>
        </Group>
      }
    >
      <Stack gap="xs">
        {!saidAbove && <Text size="sm">{cause.summary}</Text>}
        {cause.advice && (
          <Text size="sm" fw={600}>
            What to do: {cause.advice}
          </Text>
        )}
        <FixPreviews fixes={cause.fixes} />
        <FixActions fixes={fixes} handlers={fixHandlers} />
        {cause.id === 'credentials.key-rejected' && profile && (
          <KeyLookUpPanel profile={profile} fixHandlers={fixHandlers} renderCause={(found) => <CauseCard cause={found} fixHandlers={fixHandlers} />} />
        )}
        <Text size="xs">
          Cause <code data-cause-id={cause.id}>{cause.id}</code>
        </Text>
      </Stack>
    </Alert>
  );
}
