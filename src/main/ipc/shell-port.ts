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
}

/** A shell for hosts without a desktop (tests, the CLI): saving is refused, links and copies are recorded. */
export function headlessShell(): ShellPort & { opened: string[]; copied: string[] } {
  const opened: string[] = [];
  const copied: string[] = [];
  return {
    opened,
    copied,
    async copyText(text: string) {
      copied.push(text);
    },
    async saveTextFile() {
      return null;
    },
    async openExternal(url: string) {
      opened.push(url);
    },
  };
}
