import { Alert, MantineProvider, Stack, Text, Title, type MantineColorScheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { DoctorApi } from '../../shared/ipc/contract';
import { AppFrame } from './frame/app-frame';
import { StepRail } from './frame/step-rail';
import { ApiContext } from './hooks/use-api';
import { ProfileTable } from './start/profile-table';
import { theme } from './theme';
import { wizardSteps, type WizardPage } from './wizard/steps';

export interface AppProps {
  api: DoctorApi | null;
  /** Tests pin a scheme; the app follows the OS. */
  forceColorScheme?: Exclude<MantineColorScheme, 'auto'>;
}

const railItems = [{ id: 'start', label: 'Start' }, ...wizardSteps.map((step) => ({ id: step.id, label: step.label }))];

function PageBody({ page }: { page: WizardPage }) {
  if (page === 'start') {
    return (
      <Stack>
        <Title order={2}>Your AWS profiles</Title>
        <ProfileTable />
      </Stack>
    );
  }
  const step = wizardSteps.find((candidate) => candidate.id === page);
  return (
    <Stack>
      <Title order={2}>{step?.label}</Title>
      <Text>{step?.blurb}</Text>
    </Stack>
  );
}

/** The renderer's root: theme, bridge, frame, and the page chosen in the rail. */
export function App({ api, forceColorScheme }: AppProps) {
  const [page, setPage] = useState<WizardPage>('start');
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto" forceColorScheme={forceColorScheme}>
      <Notifications />
      {api === null ? (
        <Alert color="red" title="Not running inside the app" m="md">
          This page needs the desktop app&apos;s bridge to reach your AWS files. Start it with <code>npm start</code>.
        </Alert>
      ) : (
        <ApiContext.Provider value={api}>
          <AppFrame rail={<StepRail items={railItems} activeId={page} onSelect={(id) => setPage(id as WizardPage)} />}>
            <PageBody page={page} />
          </AppFrame>
        </ApiContext.Provider>
      )}
    </MantineProvider>
  );
}
