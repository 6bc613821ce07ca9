import type { z } from 'zod';
import {
  clusterEndpointRequestSchema,
  clusterEndpointSchema,
  clusterTokenHandoverSchema,
  clusterTokenRequestSchema,
  clusterTokenSchema,
  signInTestRequestSchema,
  signInTestResultSchema,
} from '../../model/cluster';
import { invoke, type EventChannel } from '../define';

/** Channels of the cluster sign-in step (docs/diagnosis.md step 6). */
export const clusterChannels = {
  /**
   * Signs a MemoryDB IAM auth token with the profile's credentials. The answer carries it
   * masked: it is a 15-minute credential.
   */
  generateClusterToken: invoke('cluster:token', clusterTokenRequestSchema, clusterTokenSchema),
  /**
   * Signs a fresh token and, once the person agrees outside the page, main hands it over
   * itself (the desktop's clipboard, or the terminal of `mdb-doctor ui`); the answer says
   * where, never what.
   */
  copyClusterToken: invoke('cluster:copy-token', clusterTokenRequestSchema, clusterTokenHandoverSchema),
  /** The cluster's endpoint and TLS setting, to prefill the live sign-in test. */
  getClusterEndpoint: invoke('cluster:endpoint', clusterEndpointRequestSchema, clusterEndpointSchema),
  /**
   * Tries TLS + `AUTH user secret` + `PING` against a reachable endpoint. The password is
   * used once and never stored, logged or echoed; an IAM token is made in main and never sent back.
   */
  testClusterSignIn: invoke('cluster:sign-in-test', signInTestRequestSchema, signInTestResultSchema),
};

/** Streams of the cluster feature (none: each call answers within its own short time limit). */
export const clusterEvents = {} satisfies Record<string, EventChannel<z.ZodType>>;
