/**
 * Decides whether an IPC message comes from our own renderer: the main frame of an app
 * window showing the page we loaded. Anything else (an iframe, a page navigated away, a
 * devtools extension) is refused, after Electron's security checklist item 17.
 */
export interface SenderFacts {
  /** URL of the frame that sent the message, or null when the frame is gone. */
  frameUrl: string | null;
  /** Whether that frame is the top frame of its page. */
  isMainFrame: boolean;
  /** Whether the sending webContents belongs to one of our windows. */
  isAppWindow: boolean;
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

/** Compares a sender with the renderer URL the shell loaded (file:// in production, dev server in development). */
export function checkSender(facts: SenderFacts, rendererUrl: string): SenderVerdict {
  if (!facts.isAppWindow) return { trusted: false, reason: 'the message did not come from an app window' };
  if (!facts.isMainFrame) return { trusted: false, reason: 'the message came from a sub-frame' };
  if (facts.frameUrl === null) return { trusted: false, reason: 'the sending frame no longer exists' };
  let sent: URL;
  let expected: URL;
  try {
    sent = new URL(facts.frameUrl);
    expected = new URL(rendererUrl);
  } catch {
    return { trusted: false, reason: `the sender URL ${facts.frameUrl} cannot be parsed` };
  }
  const sameDocument = sent.protocol === expected.protocol && sent.host === expected.host && sent.pathname === expected.pathname;
  if (!sameDocument) return { trusted: false, reason: `the sender ${sent.origin}${sent.pathname} is not the app page` };
  return { trusted: true };
}
