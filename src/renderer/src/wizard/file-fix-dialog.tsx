import { Alert, Button, Code, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Fix } from '../../../shared/model/diagnosis';
import type { FixDiffLine, FixPreview, FixResult } from '../../../shared/model/profile';
import { useApi } from '../hooks/use-api';

type SetValueFix = Extract<Fix, { kind: 'set-value' }>;

type Phase =
  | { phase: 'previewing' }
  | { phase: 'preview'; preview: FixPreview }
  | { phase: 'applying'; preview: FixPreview }
  | { phase: 'applied'; result: FixResult }
  | { phase: 'undone' }
  | { phase: 'failed'; message: string };

function DiffView({ diff }: { diff: readonly FixDiffLine[] }) {
  return (
    <Code block aria-label="Lines that change">
      {diff
        .flatMap((line) => [
          ...(line.before !== null ? [`- ${line.oldLine ?? ''}: ${line.before}`] : []),
          ...(line.after !== null ? [`+ ${line.newLine ?? ''}: ${line.after}`] : []),
        ])
        .join('\n')}
    </Code>
  );
}

/** Shows the exact lines a file fix will change, applies it through the safe writer, and offers an undo. */
export function FileFixDialog({ fix, onClose, onApplied }: { fix: SetValueFix; onClose(): void; onApplied(): void }) {
  const api = useApi();
  const [state, setState] = useState<Phase>({ phase: 'previewing' });

  // The page names the fix only by the id the diagnosis gave it; main plans the edit itself.
  useEffect(() => {
    let live = true;
    void api.previewProfileFix({ profile: fix.profile, fixId: fix.id }).then((result) => {
      if (live) setState(result.ok ? { phase: 'preview', preview: result.value } : { phase: 'failed', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [api, fix.profile, fix.id]);

  async function apply(preview: FixPreview) {
    setState({ phase: 'applying', preview });
    const result = await api.applyProfileFix({ profile: fix.profile, fixId: fix.id, expectedHash: preview.expectedHash });
    if (!result.ok) {
      setState({ phase: 'failed', message: result.error.message });
      return;
    }
    setState({ phase: 'applied', result: result.value });
    onApplied();
  }

  async function undo(result: FixResult, undoFixId: string) {
    const undone = await api.applyProfileFix({ profile: fix.profile, fixId: undoFixId, expectedHash: result.newHash });
    setState(undone.ok ? { phase: 'undone' } : { phase: 'failed', message: undone.error.message });
    if (undone.ok) onApplied();
  }

  return (
    <Modal opened onClose={onClose} title={fix.label} size="lg">
      <Stack>
        {state.phase === 'previewing' && <Loader aria-label="Preparing the preview" />}
        {(state.phase === 'preview' || state.phase === 'applying') && (
          <>
            <Text size="sm">
              {state.preview.summary} in <code>{state.preview.path}</code>. A backup is kept; nothing else in the file changes.
            </Text>
            <DiffView diff={state.preview.diff} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button loading={state.phase === 'applying'} onClick={() => void apply(state.preview)}>
                Apply the change
              </Button>
            </Group>
          </>
        )}
        {state.phase === 'applied' && (
          <>
            <Alert color="green" title="Changed" role="status">
              {state.result.path} line {state.result.changedLines.join(', ')} changed
              {state.result.backupPath ? `; the previous file is saved as ${state.result.backupPath}` : ''}. Run the diagnosis again to check.
            </Alert>
            <DiffView diff={state.result.diff} />
            <Group justify="flex-end">
              {state.result.undoFixId !== null && (
                <Button variant="default" onClick={() => void undo(state.result, state.result.undoFixId!)}>
                  Undo
                </Button>
              )}
              <Button onClick={onClose}>Done</Button>
            </Group>
          </>
        )}
        {state.phase === 'undone' && (
          <Alert color="gray" title="Undone" role="status">
            The file is as it was before the fix.
          </Alert>
        )}
        {state.phase === 'failed' && (
          <Alert color="red" title="The file was not changed" role="alert">
            {state.message}
          </Alert>
        )}
      </Stack>
    </Modal>
  );
}
