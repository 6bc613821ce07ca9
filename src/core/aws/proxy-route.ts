/** The environment variables that choose a proxy, as the AWS CLI and curl read them. */
export type ProxyEnv = Readonly<Partial<Record<string, string | undefined>>>;

/** The proxy a request goes through and the variable that set it. */
export interface ProxyRoute {
  /** The proxy's URL, with any password masked (it is shown to people and kept in reports). */
  shown: string;
  /** The proxy's URL as configured (may carry user:password for the proxy). */
  url: string;
  variable: string;
}

const proxyVariables = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY'] as const;

/** Only the proxy variables of an environment: what the HTTP layer needs, and nothing else to carry around. */
export function pickProxyEnv(env: ProxyEnv): ProxyEnv {
  const picked: Record<string, string> = {};
  for (const name of proxyVariables) {
    const value = env[name];
    if (value) picked[name] = value;
  }
  return picked;
}

/** The first set variable of the pair, lower case first as curl and Python's urllib read them. */
function first(env: ProxyEnv, name: string): { variable: string; value: string } | null {
  for (const variable of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[variable]?.trim();
    if (value) return { variable, value };
  }
  return null;
}

/**
 * A host on this machine's loopback. Never proxied, whatever NO_PROXY says: a proxy's own
 * loopback is the proxy, so a request for 127.0.0.1 (the simulator, a local endpoint_url) sent
 * through it could never reach the service the person started here.
 */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '::1';
}

/**
 * Whether NO_PROXY exempts the host: `*` exempts everything; otherwise a comma- or
 * space-separated list of host names or domain suffixes (a leading `.` or `*.` is optional),
 * each optionally with `:port`, as curl and the AWS CLI (Python's urllib) read it.
 */
function exempted(noProxy: string, hostname: string, port: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const match = /^(.*?)(?::(\d+))?$/.exec(entry.toLowerCase())!;
      const domain = match[1]!.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
      if (match[2] && match[2] !== port) return false;
      return host === domain || host.endsWith(`.${domain}`);
    });
}

function masked(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return url;
  }
}

/**
 * The proxy a request to `target` goes through, from HTTPS_PROXY / HTTP_PROXY and NO_PROXY
 * (either case), or null for a direct connection. A value without a scheme means http://,
 * as curl reads it.
 */
export function proxyRouteFor(target: string | URL, env: ProxyEnv | undefined): ProxyRoute | null {
  if (!env) return null;
  const url = typeof target === 'string' ? new URL(target) : target;
  if (isLoopback(url.hostname)) return null;
  const chosen = first(env, url.protocol === 'https:' ? 'https_proxy' : 'http_proxy');
  if (!chosen) return null;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const noProxy = first(env, 'no_proxy');
  if (noProxy && exempted(noProxy.value, url.hostname, port)) return null;
  const proxyUrl = /^[a-z][a-z\d+.-]*:\/\//i.test(chosen.value) ? chosen.value : `http://${chosen.value}`;
  return { url: proxyUrl, shown: masked(proxyUrl), variable: chosen.variable };
}

/** "through the proxy http://proxy:3128 (from HTTPS_PROXY)", or '' for a direct connection. */
export function describeProxyRoute(route: ProxyRoute | null): string {
  return route ? ` through the proxy ${route.shown} (from ${route.variable})` : '';
}
