import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsTarget } from '../../../src/core/aws/clients';
import type { HostEnvironment } from '../../../src/core/host';
import { defaultClientFactory, type AwsClientFactory } from '../../../src/core/rotation/aws-access';
import { readCredentialsFile, keyOfSection } from '../../../src/core/rotation/file-keys';
import { JournalStore } from '../../../src/core/rotation/journal';
import type { GatePoint, RotationDeps, RotationProgress } from '../../../src/core/rotation/ports';
import { createRotationDeps } from '../../../src/core/rotation/rotation-deps';
import { runRotation } from '../../../src/core/rotation/rotate';
import { realSleep, waitForKey } from '../../../src/core/rotation/wait-for-key';
import type { RotationQuestion } from '../../../src/shared/model/rotation';
import type { RunningSimulator } from '../../../src/sim/index';
import { writePresets, type PresetEntry } from '../../../src/sim/presets';

/** The faults the table injects into AWS calls. */
export type AwsFault = '5xx' | 'throttle' | 'access-denied' | 'timeout' | 'network-dies';

interface ArmedFault {
  operation: string;
  fault: AwsFault;
  /** Only calls signed with a key for which this holds (e.g. "not the original key"). */
  signedBy?: (keyId: string) => boolean;
  /** How many matching calls fail; timeouts fail once (a lost answer), the rest persist. */
  remaining: number;
}

function serviceError(name: string, status: number, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status, attempts: 1 } });
}

function timeoutError(): Error {
  return Object.assign(new Error('Connection timed out: the request was sent but no answer arrived.'), { name: 'TimeoutError' });
}

function networkDownError(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1 (the test took the network down)'), { name: 'Error', code: 'ECONNREFUSED' });
}

/**
 * Wraps the real SDK clients with a middleware at the initialize step (before retries and
 * signing): it fails chosen operations like AWS would, or lets the call reach the simulator
 * and then loses the answer (the request WAS executed), or takes the whole network down.
 */
export class FaultInjector {
  private armed: ArmedFault[] = [];
  networkDown = false;
  readonly calls: Array<{ operation: string; keyId: string; failed: AwsFault | 'network-down' | null }> = [];

  arm(operation: string, fault: AwsFault, signedBy?: (keyId: string) => boolean): void {
    this.armed.push({ operation, fault, signedBy, remaining: fault === 'timeout' || fault === 'network-dies' ? 1 : Number.POSITIVE_INFINITY });
  }

  /** Clears every fault and brings the network back (the next start of the app). */
  heal(): void {
    this.armed = [];
    this.networkDown = false;
  }

  factory(): AwsClientFactory {
    return {
      sts: (target) => this.wrap(defaultClientFactory.sts(target), target),
      iam: (target) => this.wrap(defaultClientFactory.iam(target), target),
    };
  }

  private wrap<C extends STSClient | IAMClient>(client: C, target: AwsTarget): C {
    const keyId = (target.credentials as AwsCredentialIdentity).accessKeyId;
    (client as STSClient).middlewareStack.add(
      (next, context) => async (args) => {
        const operation = String(context.commandName ?? '').replace(/Command$/, '');
        if (this.networkDown) {
          this.calls.push({ operation, keyId, failed: 'network-down' });
          throw networkDownError();
        }
        const fault = this.armed.find((candidate) => candidate.operation === operation && candidate.remaining > 0 && (candidate.signedBy?.(keyId) ?? true));
        this.calls.push({ operation, keyId, failed: fault?.fault ?? null });
        if (!fault) return next(args);
        fault.remaining -= 1;
        switch (fault.fault) {
          case '5xx':
            throw serviceError('ServiceUnavailable', 503, 'Service Unavailable (injected)');
          case 'throttle':
            throw serviceError('Throttling', 400, 'Rate exceeded (injected)');
          case 'access-denied':
            throw serviceError('AccessDenied', 403, `User is not authorized to perform: iam:${operation} (injected)`);
          case 'timeout':
            // The request reaches AWS whatever it answers; the answer is what gets lost.
            await next(args).catch(() => undefined);
            throw timeoutError();
          case 'network-dies':
            await next(args).catch(() => undefined);
            this.networkDown = true;
            throw timeoutError();
        }
      },
      { step: 'initialize', name: 'rotationFaultInjection' },
    );
    return client;
  }
}

/** One isolated rotation scenario: its own account in the simulator and its own AWS folder. */
export interface RotationCase {
  dir: string;
  host: HostEnvironment;
  preset: PresetEntry;
  credentialsFile: string;
  configFile: string;
  accountId: string;
  userName: string;
  userArn: string;
  oldKeyId: string;
  /** Key ids the user had before the rotation. */
  keysBefore: string[];
}

/** Arms the simulator to carry out the case's next `count` calls of `operation` and lose their answers (its own account only). */
export function dropAnswers(sim: RunningSimulator, c: RotationCase, operation: string, count = 1): void {
  sim.world.accounts.get(c.accountId)!.knobs.dropAnswers = { [operation]: count };
}

/** Answers dropped for the case that were never used are disarmed (the network is back). */
export function keepAnswers(sim: RunningSimulator, c: RotationCase): void {
  sim.world.accounts.get(c.accountId)!.knobs.dropAnswers = {};
}

/** Writes the `good` preset (or another) into a fresh temp folder with a host pointing at it. */
export async function newCase(sim: RunningSimulator, preset = 'good'): Promise<RotationCase> {
  const dir = await mkdtemp(join(tmpdir(), 'mdb-rotation-'));
  const folder = await writePresets(join(dir, 'aws'), sim, [preset]);
  const entry = folder.presets[0]!;
  const view = await readCredentialsFile(folder.credentialsFile);
  const oldKeyId = keyOfSection(view, entry.profile)!.keyId;
  const key = sim.world.findKey(oldKeyId)!;
  const user = sim.world.findUser(key.accountId, key.userName)!;
  const host: HostEnvironment = {
    env: { HOME: dir, AWS_SHARED_CREDENTIALS_FILE: folder.credentialsFile, AWS_CONFIG_FILE: folder.configFile, AWS_EC2_METADATA_DISABLED: 'true' },
    homeDir: dir,
    platform: process.platform,
    appDataDir: join(dir, 'app-data'),
    now: () => new Date(),
  };
  return {
    dir,
    host,
    preset: entry,
    credentialsFile: folder.credentialsFile,
    configFile: folder.configFile,
    accountId: key.accountId,
    userName: key.userName,
    userArn: user.arn,
    oldKeyId,
    keysBefore: sim.world.keysOf(key.userName, key.accountId).map((k) => k.accessKeyId),
  };
}

/** Short waits so the table runs in seconds, still exercising backoff against the sim's propagation delay. */
export const testBackoff = { initialDelayMs: 40, maxDelayMs: 200, maxWaitMs: 1_500 };

/** Test deps: the real wiring, with fault-injecting clients, recorded events and scripted answers. */
export function testDeps(
  c: RotationCase,
  options: {
    injector?: FaultInjector;
    gate?: (point: GatePoint) => Promise<void>;
    confirm?: (question: RotationQuestion) => boolean;
    mfaCode?: () => string | null;
    events?: RotationProgress[];
    overrides?: Partial<RotationDeps>;
  } = {},
): RotationDeps {
  const events = options.events ?? [];
  return createRotationDeps({
    host: c.host,
    prompts: {
      confirm: async (question) => options.confirm?.(question) ?? true,
      mfaCode: async () => options.mfaCode?.() ?? null,
    },
    emit: (progress) => events.push(progress),
    overrides: {
      clients: (options.injector ?? new FaultInjector()).factory(),
      backoff: testBackoff,
      sleep: realSleep,
      gate: options.gate,
      maxAttempts: 1,
      requestTimeoutMs: 5_000,
      ...options.overrides,
    },
  });
}

/** A gate that freezes the machine forever at one point: the process "dies" there. */
export function crashAt(target: GatePoint): { gate: (point: GatePoint) => Promise<void>; reached: Promise<void> } {
  let signal!: () => void;
  const reached = new Promise<void>((resolve) => (signal = resolve));
  return {
    reached,
    gate: async (point) => {
      if (point.step === target.step && point.moment === target.moment) {
        signal();
        await new Promise<never>(() => undefined);
      }
    },
  };
}

/** Starts a rotation of profile good (old key kept) that "dies" at `point`; resolves once it is there (the run never ends). */
export async function rotationDiedAt(c: RotationCase, point: GatePoint): Promise<void> {
  const frozen = crashAt(point);
  void runRotation(testDeps(c, { gate: frozen.gate }), { profile: 'good', deleteOld: 'no' });
  await frozen.reached;
}

/** What the invariants found: empty when both hold. */
export interface InvariantReport {
  fileKeyId: string | null;
  fileKeyWorks: boolean;
  problems: string[];
}

/**
 * The two invariants of docs/rotation.md after a run (and its recovery):
 * 1. the profile's key in the file works (GetCallerIdentity answers as the same user);
 * 2. every key IAM holds for the user is the file's key, the old key kept inactive on the
 *    user's choice, a key the user had before that this run did not touch, or a key the
 *    run reported with its cleanup command.
 */
export async function checkInvariants(sim: RunningSimulator, c: RotationCase, cleanupCommands: readonly string[], message = ''): Promise<InvariantReport> {
  const problems: string[] = [];
  const view = await readCredentialsFile(c.credentialsFile);
  const held = keyOfSection(view, c.preset.profile);
  let fileKeyWorks = false;
  if (held?.secret) {
    const endpoint = sim.endpoint;
    const result = await waitForKey({
      clients: defaultClientFactory,
      place: { region: c.preset.region, endpoints: { sts: endpoint, iam: endpoint }, maxAttempts: 1 },
      key: { id: held.keyId, secret: held.secret },
      expectedArn: c.userArn,
      backoff: { initialDelayMs: 50, maxDelayMs: 200, maxWaitMs: 3_000 },
      sleep: realSleep,
      now: () => Date.now(),
    });
    fileKeyWorks = result.ok;
    if (!result.ok) problems.push(`file key does not work: ${result.reason}`);
  } else {
    problems.push('the profile section holds no complete key');
  }
  const reported = new Set(cleanupCommands.flatMap((command) => /--access-key-id (\S+)/.exec(command)?.[1] ?? []));
  const unknownReported = cleanupCommands.some((command) => command.startsWith('aws iam list-access-keys'));
  for (const key of sim.world.keysOf(c.userName, c.accountId)) {
    const id = key.accessKeyId;
    if (id === held?.keyId) continue;
    if (id === c.oldKeyId && key.status === 'Inactive') continue;
    if (id !== c.oldKeyId && c.keysBefore.includes(id)) continue;
    if (reported.has(id)) continue;
    if (unknownReported && !c.keysBefore.includes(id)) continue;
    problems.push(`${id} (${key.status}) is in IAM, not in the file, and was not reported`);
  }
  // What the output claims must be what IAM shows (the original bug said this with a key left).
  const made = sim.world.keysOf(c.userName, c.accountId).filter((key) => !c.keysBefore.includes(key.accessKeyId));
  if (/no new key is left in IAM/.test(message) && made.length > 0)
    problems.push(`the output says no new key is left in IAM, but IAM lists ${made.map((key) => `${key.accessKeyId} (${key.status})`).join(', ')}`);
  return { fileKeyId: held?.keyId ?? null, fileKeyWorks, problems };
}

/** Journals still on disk for the case. */
export async function journalsLeft(c: RotationCase): Promise<number> {
  return (await new JournalStore(c.host.appDataDir).list()).journals.length;
}

/** The credentials file's bytes. */
export function fileBytes(c: RotationCase): Promise<Buffer> {
  return readFile(c.credentialsFile);
}
