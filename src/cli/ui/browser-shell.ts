import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { ConfirmationRequest, ShellPort } from '../../main/ipc/shell-port';
import { eventContract, type EventPayloadOf } from '../../shared/ipc/contract';
import { httpRoutes, type PageAction } from '../../shared/ipc/http-transport';

/** How many prepared downloads wait for their page; the oldest is dropped first. */
const downloadLimit = 20;

/** Files the server prepared for the page to download once, by id. */
export class DownloadStore {
  private readonly files = new Map<string, { name: string; content: string; contentType: string }>();

  /** Keeps a file and returns its one-time id. */
  add(name: string, content: string, contentType: string): string {
    const id = randomBytes(16).toString('base64url');
    this.files.set(id, { name, content, contentType });
    while (this.files.size > downloadLimit) this.files.delete(this.files.keys().next().value as string);
    return id;
  }

  /** Hands a file out once; null when unknown or already taken. */
  take(id: string): { name: string; content: string; contentType: string } | null {
    const file = this.files.get(id) ?? null;
    this.files.delete(id);
    return file;
  }
}

/** The page actions a request collected while its handler ran (see `pageActionsHeader`). */
export const requestActions = new AsyncLocalStorage<PageAction[]>();

/** Sends an event to the page that made the request, for as long as its work runs (a rotation job included). */
export type RequestEventSink = (channel: string, payload: unknown) => void;

/** The event sink of the request whose handler (or the job it started) is running. */
export const requestEvents = new AsyncLocalStorage<RequestEventSink>();

function notify(sink: RequestEventSink | undefined, notice: EventPayloadOf<'onConfirmationNotice'>): void {
  const declared = eventContract.onConfirmationNotice;
  sink?.(declared.channel, declared.payload.parse(notice));
}

/**
 * Wraps the terminal's `confirm` so the page that asked for the work says, while the question
 * waits, where to answer it; the notice goes once the question is answered, either way.
 */
function announced(confirm: (request: ConfirmationRequest) => Promise<boolean>): (request: ConfirmationRequest) => Promise<boolean> {
  return async (request) => {
    const sink = requestEvents.getStore();
    const id = randomBytes(9).toString('base64url');
    notify(sink, { state: 'waiting', id, title: request.title, message: request.message });
    try {
      return await confirm(request);
    } finally {
      notify(sink, { state: 'answered', id });
    }
  };
}

/**
 * The ShellPort of browser mode. A save becomes a download the page starts; copying and
 * opening links happen in the page itself (the HTTP transport does them after the handler
 * has allowed the request), so here they only succeed. Confirmations cannot be asked on the
 * page — the page is what they guard against — so `confirm` is given by the caller: the
 * `ui` command asks in its terminal, and the page is told that a question waits there.
 */
export function browserShell(
  downloads: DownloadStore,
  confirm: (request: ConfirmationRequest) => Promise<boolean>,
  printSecret: (label: string, text: string) => void,
): ShellPort {
  return {
    confirm: announced(confirm),
    // The page would need the secret to put it on its own clipboard: it goes to the terminal the person just answered in.
    secretsGoTo: 'terminal',
    async handOverSecret({ text, label }) {
      printSecret(label, text);
      return { clearsAt: null };
    },
    async saveTextFile({ suggestedName, content, filters }) {
      const actions = requestActions.getStore();
      if (!actions) return null;
      const json = filters.some((filter) => filter.extensions.includes('json'));
      const id = downloads.add(suggestedName, content, json ? 'application/json; charset=utf-8' : 'text/markdown; charset=utf-8');
      actions.push({ kind: 'download', url: `${httpRoutes.download}${id}`, name: suggestedName });
      return `${suggestedName} (downloaded by your browser)`;
    },
    async openExternal() {},
    async copyText() {},
  };
}
