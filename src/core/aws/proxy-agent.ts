import { Agent as RoutingAgent, type AgentConnectOpts } from 'agent-base';
import { Agent as HttpAgent, type AgentOptions, type ClientRequest } from 'node:http';
import type { Duplex } from 'node:stream';
import { Agent as HttpsAgent } from 'node:https';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { proxyRouteFor, type ProxyEnv } from './proxy-route';

/** The request type HttpProxyAgent.connect declares: a ClientRequest with Node's internal header methods. */
type HttpProxyAgentRequest = Parameters<HttpProxyAgent<string>['connect']>[0];

/**
 * An HTTP(S) agent that sends each request where the AWS CLI would: through the proxy that
 * HTTPS_PROXY / HTTP_PROXY name unless NO_PROXY exempts the host, else straight to it. The
 * SDK's clients do not read proxy variables themselves, so without this the doctor would go
 * direct where the person's own `aws` goes through their proxy, and diagnose a different path.
 */
export class EnvProxyAgent extends RoutingAgent {
  private readonly direct: HttpAgent;
  private readonly viaProxy = new Map<string, HttpProxyAgent<string> | HttpsProxyAgent<string>>();

  constructor(
    private readonly env: ProxyEnv,
    private readonly secure: boolean,
    agentOptions: AgentOptions = {},
  ) {
    super(agentOptions);
    // Node checks a request's protocol against its agent's; agent-base would guess it from the call stack.
    this.protocol = secure ? 'https:' : 'http:';
    this.direct = secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  }

  override connect(request: ClientRequest, options: AgentConnectOpts): HttpAgent | Promise<Duplex> {
    const host = options.host?.includes(':') ? `[${options.host}]` : (options.host ?? 'localhost');
    const route = proxyRouteFor(`${this.secure ? 'https' : 'http'}://${host}:${options.port}`, this.env);
    if (!route) return this.direct;
    // Its socket, not the agent: handed the request instead, the proxy agent would rewrite the
    // path after the request line was already written, and an HTTP proxy would get "GET /".
    if (this.secure) return this.proxyAgent(route.url, () => new HttpsProxyAgent(route.url)).connect(request, options);
    return this.proxyAgent(route.url, () => new HttpProxyAgent(route.url)).connect(request as HttpProxyAgentRequest, options);
  }

  private proxyAgent<A extends HttpProxyAgent<string> | HttpsProxyAgent<string>>(url: string, create: () => A): A {
    const existing = this.viaProxy.get(url) as A | undefined;
    if (existing) return existing;
    const created = create();
    this.viaProxy.set(url, created);
    return created;
  }

  override destroy(): void {
    this.direct.destroy();
    for (const agent of this.viaProxy.values()) agent.destroy();
    super.destroy();
  }
}

/** The agent pair for an HTTP handler, with one pool setting: proxy-aware when proxy variables are set, Node's own agents otherwise. */
export function agentsFor(env: ProxyEnv | undefined, options: AgentOptions = {}): { httpAgent: HttpAgent; httpsAgent: HttpAgent } {
  const routed = env && Object.keys(env).some((name) => /^(https?_proxy)$/i.test(name) && env[name]);
  if (!routed) return { httpAgent: new HttpAgent(options), httpsAgent: new HttpsAgent(options) };
  return { httpAgent: new EnvProxyAgent(env, false, options), httpsAgent: new EnvProxyAgent(env, true, options) };
}
