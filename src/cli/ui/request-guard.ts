import type { IncomingHttpHeaders } from 'node:http';

/** Host names that always mean this machine and that no DNS answer can re-point. */
export const loopbackNames = ['127.0.0.1', 'localhost', '[::1]'];

/** Why a request was turned away, for the answer; never contains what the request carried. */
export interface Refusal {
  status: 401 | 403 | 405;
  message: string;
}

function hostName(hostHeader: string): string {
  // "[::1]:7777" keeps its brackets; "127.0.0.1:7777" loses its port.
  const match = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader.trim().toLowerCase());
  return match ? match[1]! : '';
}

/**
 * Checks what a browser says about where a request comes from, before any secret is looked
 * at: the Host must name this server (a DNS-rebinding page sends its own name), and a
 * request a page of another origin sent (Origin, Sec-Fetch-Site) is refused (CSRF). The port
 * is not compared, so an SSH tunnel from another local port still works.
 */
export function checkOrigin(method: string, headers: IncomingHttpHeaders, allowedHosts: readonly string[]): Refusal | null {
  const host = headers.host;
  if (typeof host !== 'string' || !allowedHosts.includes(hostName(host))) {
    return { status: 403, message: 'Refused: this server answers only to its own address (the Host header names another).' };
  }
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://${host.toLowerCase()}`) {
    return { status: 403, message: 'Refused: the request came from a page of another origin.' };
  }
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && !(site === 'none' && method === 'GET')) {
    return { status: 403, message: 'Refused: the request came from another site.' };
  }
  if (method === 'POST' && origin === undefined) {
    return { status: 403, message: 'Refused: a call must say which page sent it (Origin).' };
  }
  return null;
}

/** The value of one cookie, from a Cookie header. */
export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
