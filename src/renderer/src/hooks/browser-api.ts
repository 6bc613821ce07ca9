import type { DoctorApi } from '../../../shared/ipc/contract';
import { buildHttpApi } from '../../../shared/ipc/http-transport';

function randomClientId(): string {
  // getRandomValues works on plain-HTTP pages too (an exposed `--host`), randomUUID does not.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The client when the page is served by `mdb-doctor ui`: the contract over same-origin fetch
 * and one EventSource, and the page's own clipboard, tabs and downloads where the desktop app
 * uses the system's. Null for a page not served over HTTP (a file opened by hand).
 */
export function browserApi(): DoctorApi | null {
  if (window.location.protocol !== 'http:' && window.location.protocol !== 'https:') return null;
  return buildHttpApi({
    clientId: randomClientId(),
    async post(path, body, headers) {
      const response = await fetch(path, { method: 'POST', body, headers, credentials: 'same-origin', cache: 'no-store', redirect: 'error' });
      let parsed: unknown;
      try {
        parsed = await response.json();
      } catch {
        parsed = undefined;
      }
      return { status: response.status, body: parsed, header: (name) => response.headers.get(name) };
    },
    openStream(path, onMessage, onSettled) {
      const source = new EventSource(path);
      let settled = false;
      const settle = () => {
        if (settled) return;
        settled = true;
        onSettled();
      };
      source.addEventListener('open', settle);
      source.addEventListener('error', settle);
      source.addEventListener('message', (event) => onMessage(String(event.data)));
      return () => source.close();
    },
    async copyText(text) {
      if (!navigator.clipboard) throw new Error('this page may not use the clipboard');
      await navigator.clipboard.writeText(text);
    },
    openLink(url) {
      window.open(url, '_blank', 'noopener,noreferrer');
    },
    download(url, name) {
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
    },
  });
}
