import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { fail } from '../../shared/ipc/result';
import { contractChannels, type Dispatch } from './dispatcher';
import { checkSender } from './trusted-sender';

/** The only place that touches ipcMain: checks the sender, then hands the message to the dispatcher. */
export function registerContract(dispatch: Dispatch, rendererUrl: () => string): () => void {
  const channels = contractChannels();
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      const verdict = checkSender(
        {
          frameUrl: frame ? frame.url : null,
          isMainFrame: frame !== null && frame !== undefined && frame === event.sender.mainFrame,
          isAppWindow: BrowserWindow.fromWebContents(event.sender) !== null,
        },
        rendererUrl(),
      );
      if (!verdict.trusted) return fail('forbidden-sender', `Refused ${channel}: ${verdict.reason}.`);
      const sender = event.sender;
      return dispatch(channel, payload, (eventChannel, eventPayload) => {
        if (!sender.isDestroyed()) sender.send(eventChannel, eventPayload);
      });
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
