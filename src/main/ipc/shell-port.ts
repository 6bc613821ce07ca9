/**
 * A yes/no question main puts to the person in a dialog the page cannot draw, answer or
 * dismiss: the only consent that counts for work that deletes, spends or reveals a secret.
 */
export interface ConfirmationRequest {
  /** Short window title, e.g. "Rotate the access key?". */
  title: string;
  /** The plan in plain words: what happens when the person agrees. */
  message: string;
  /** Longer detail shown under the message (the steps, the files touched); optional. */
  detail?: string;
  /** The agreeing button, named for the action ("Rotate the key"); the other button always cancels. */
  confirmLabel: string;
}

/** Where a shell hands a secret the person agreed to take: never to the page. */
export type SecretDestination = 'clipboard' | 'terminal';

/**
 * What handlers may ask of the desktop shell, injected so the handlers stay Electron-free:
 * the Electron shell implements it with dialogs and the system browser, tests with a fake.
 */
export interface ShellPort {
  /** Asks where to save `content`; resolves to the chosen path, or null when the user cancels. */
  saveTextFile(request: { suggestedName: string; content: string; filters: Array<{ name: string; extensions: string[] }> }): Promise<string | null>;
  /** Opens an https URL in the system browser (only AWS console and documentation hosts). */
  openExternal(url: string): Promise<void>;
  /** Puts text on the system clipboard. */
  copyText(text: string): Promise<void>;
  /** Where `handOverSecret` puts a secret, so a confirmation can say it before asking. */
  readonly secretsGoTo: SecretDestination;
  /**
   * Hands a secret (a whole IAM auth token) to the person without the page seeing it, once
   * `confirm` agreed: the desktop puts it on the system clipboard and clears it after a
   * minute if it is still there; browser mode prints it in the terminal it was confirmed in.
   * Resolves to when the clipboard is cleared, or null when nothing clears it.
   */
  handOverSecret(secret: { text: string; label: string }): Promise<{ clearsAt: Date | null }>;
  /**
   * Opens the sign-in page IAM Identity Center returned in the system browser. Main calls it
   * only with that URL, never with one from the page. Shells without a browser of their own
   * (browser mode) leave it out, and the page shows the link instead.
   */
  openSignInPage?(url: string): Promise<void>;
  /**
   * Asks the person, outside the page, to agree to `request`; true only on an explicit yes.
   * Closing the dialog, or a shell with no person to ask, answers false.
   */
  confirm(request: ConfirmationRequest): Promise<boolean>;
}

/** A headless shell's recorded effects, for tests to read. */
export interface HeadlessShell extends ShellPort {
  opened: string[];
  copied: string[];
  /** Every confirmation asked, in order. */
  asked: ConfirmationRequest[];
}

/**
 * A shell for hosts without a desktop (tests, the CLI): saving is refused, links and copies are
 * recorded, and confirmations answer `answer` (default false: nobody is there to agree).
 */
export function headlessShell(options: { answer?: boolean | ((request: ConfirmationRequest) => boolean) } = {}): HeadlessShell {
  const opened: string[] = [];
  const copied: string[] = [];
  const asked: ConfirmationRequest[] = [];
  const answer = options.answer ?? false;
  return {
    opened,
    copied,
    asked,
    async copyText(text: string) {
      copied.push(text);
    },
    secretsGoTo: 'clipboard',
    async handOverSecret({ text }) {
      copied.push(text);
      return { clearsAt: null };
    },
    async saveTextFile() {
      return null;
    },
    async openExternal(url: string) {
      opened.push(url);
    },
    async openSignInPage(url: string) {
      opened.push(url);
    },
    async confirm(request: ConfirmationRequest) {
      asked.push(request);
      return typeof answer === 'function' ? answer(request) : answer;
    },
  };
}
