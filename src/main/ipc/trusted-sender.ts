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

/**
 * True when both URLs have the same scheme and host (the origin, computed so that it also
 * works for our custom app scheme, which Node's URL gives an opaque "null" origin). file:
 * URLs share no origin with anything: every local file would otherwise count as the app.
 */
export function sameOrigin(url: string, appUrl: string): boolean {
  try {
    const [a, b] = [new URL(url), new URL(appUrl)];
    return a.protocol !== 'file:' && a.protocol === b.protocol && a.host === b.host;
  } catch {
    return false;
  }
}

/** Compares a sender with the app's origin (app://doctor in the app, the dev server under `npm run dev`). */
export function checkSender(facts: SenderFacts, rendererUrl: string): SenderVerdict {
  if (!facts.isAppWindow) return { trusted: false, reason: 'the message did not come from an app window' };
  if (!facts.isMainFrame) return { trusted: false, reason: 'the message came from a sub-frame' };
  if (facts.frameUrl === null) return { trusted: false, reason: 'the sending frame no longer exists' };
  if (!URL.canParse(facts.frameUrl)) return { trusted: false, reason: `the sender URL ${facts.frameUrl} cannot be parsed` };
  if (!sameOrigin(facts.frameUrl, rendererUrl)) {
    const sent = new URL(facts.frameUrl);
    return { trusted: false, reason: `the sender ${sent.protocol}//${sent.host}${sent.pathname} is not on the app's origin` };
  }
  return { trusted: true };
}
