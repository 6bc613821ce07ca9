/**
 * The Content-Security-Policy for every response the renderer receives: our own code and
 * styles only, no network. The Electron shell sends it as a header; index.html repeats it
 * in a meta tag (without frame-ancestors, which meta tags ignore) for the first paint.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  // Mantine injects its CSS variables in <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
