import { protocol } from 'electron';
import { appScheme, resolveAppRequest } from './app-files';

/**
 * Declares the app scheme before the app is ready (Electron allows it only then): standard,
 * so relative URLs and the origin work as on the web, and secure, so the page is a secure
 * context. Nothing more: no CORS bypass, no service workers, no fetch from other origins.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true } }]);
}

/** Serves the built renderer folder on the app scheme through the one request handler. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const answer = await resolveAppRequest(rendererDir, request.url, request.method);
    return new Response(answer.body === null ? null : new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
  });
}
