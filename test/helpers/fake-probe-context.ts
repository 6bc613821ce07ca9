import type { Evidence } from '../../src/shared/model/diagnosis';
import type { AwsFailure } from '../../src/core/aws/error-evidence';
import type { AwsService } from '../../src/core/aws/endpoints';
import type { CallResult, ClientFor } from '../../src/core/aws/session';
import type { Facts, TargetFact } from '../../src/core/diagnosis/facts';
import type { ProbeContext } from '../../src/core/diagnosis/probe';
import type { ProfileContext } from '../../src/core/diagnosis/profile-context';

/** A canned answer for a call whose request label matches. */
export type Answer = { match: RegExp; output: unknown } | { match: RegExp; failure: Pick<AwsFailure, 'kind' | 'errorName' | 'message'> };

/** Answers a call by the SDK command the probe sends (its class name) and that command's input. */
export type CommandAnswerer = (command: string, input: Record<string, unknown>) => CallResult<unknown>;

/**
 * A ProbeContext for probe unit tests, in one of two ways. With a table, each AWS call is
 * answered by its request label (the evidence text, e.g. `memorydb:DescribeUsers app-user in
 * eu-west-1`), `asked` records the labels, and a call nobody expected fails loudly. With a
 * function, the probe's own `send` runs against a client that hands each command to it, and
 * `asked` records the command names.
 */
export function fakeProbeContext(facts: Partial<Facts>, answers: Answer[] | CommandAnswerer): ProbeContext & { asked: string[] } {
  const asked: string[] = [];
  const context: ProbeContext & { asked: string[] } = {
    asked,
    facts,
    signal: new AbortController().signal,
    host: { env: {}, homeDir: '/nowhere', platform: 'linux', appDataDir: '/nowhere/app', now: () => new Date('2026-03-01T12:00:00Z') },
    causesSoFar: () => [],
    need(key) {
      const value = facts[key];
      if (value === undefined) throw new Error(`missing fact ${key}`);
      return value;
    },
    async call<S extends AwsService, Output>(
      _service: S,
      _region: string,
      request: string,
      send: (client: ClientFor[S], options: { abortSignal: AbortSignal }) => Promise<Output>,
    ): Promise<CallResult<Output>> {
      if (typeof answers === 'function') return sendThrough(answers, asked, send);
      asked.push(request);
      const answer = answers.find((candidate) => candidate.match.test(request));
      if (!answer) throw new Error(`Unexpected call: ${request}`);
      const evidence: Evidence = { label: request, request };
      if ('failure' in answer) return { ok: false, failure: { ...answer.failure, fromRawBody: false }, attempts: [], evidence };
      return { ok: true, output: answer.output as Output, attempts: [], evidence };
    },
  };
  return context;
}

async function sendThrough<S extends AwsService, Output>(
  answer: CommandAnswerer,
  asked: string[],
  send: (client: ClientFor[S], options: { abortSignal: AbortSignal }) => Promise<Output>,
): Promise<CallResult<Output>> {
  let result: CallResult<unknown> | undefined;
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      asked.push(command.constructor.name);
      result = answer(command.constructor.name, command.input);
      if (!result.ok) throw Object.assign(new Error(result.failure.message), { name: result.failure.errorName });
      return result.output;
    },
  } as unknown as ClientFor[S];
  try {
    const output = await send(client, { abortSignal: new AbortController().signal });
    return { ok: true, output, attempts: [], evidence: { label: 'ok' } };
  } catch {
    return result as CallResult<Output>;
  }
}

/** A target for cluster `orders` and user `app-user` in eu-west-1, profile `dev`. */
export function clusterTarget(overrides: Partial<TargetFact> = {}): TargetFact {
  const profile: ProfileContext = {
    name: 'dev',
    selectedBy: 'request',
    exists: true,
    kind: 'static',
    files: { credentials: '/nowhere/credentials', config: '/nowhere/config' },
    settings: {},
    configSections: {},
    fileRegion: null,
    maskedKeyId: 'AKIA…MPLE',
    hasSessionToken: false,
    envCredentials: null,
    findings: [],
    nearNames: [],
  };
  return {
    profile,
    region: 'eu-west-1',
    regionSource: 'test',
    cluster: 'orders',
    user: 'app-user',
    signIn: 'unknown',
    endpoints: {},
    transport: {},
    scanConcurrency: 1,
    ...overrides,
  };
}
