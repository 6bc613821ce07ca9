import { Alert, MantineProvider, type MantineColorScheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { DoctorApi } from '../../shared/ipc/contract';
import { ApiContext } from './hooks/use-api';
import { cssVariablesResolver, theme } from './theme';
import { Wizard } from './wizard/wizard';

export interface AppProps {
  api: DoctorApi | null;
  /** Tests pin a scheme; the app follows the OS. */
  forceColorScheme?: Exclude<MantineColorScheme, 'auto'>;
}

/** The renderer's root: theme, bridge, and the wizard. */
export function App({ api, forceColorScheme }: AppProps) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto" forceColorScheme={forceColorScheme}>
      <Notifications />
      {api === null ? (
        <Alert color="red" title="Not running inside the app" m="md">
          This page needs the desktop app, or <code>mdb-doctor ui</code>, to reach your AWS files. Start one with <code>npm start</code> or{' '}
          <code>mdb-doctor ui</code>.
        </Alert>
      ) : (
        <ApiContext.Provider value={api}>
          <Wizard />
        </ApiContext.Provider>
      )}
    </MantineProvider>
  );
}
