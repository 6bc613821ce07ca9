import { describe, expect, it } from 'vitest';
import { invokeContract } from '../../../src/shared/ipc/contract';

const requests = {
  getProfile: (name: string) => ({ name }),
  startDiagnosis: (profile: string) => ({ profile }),
  rotationPreflight: (profile: string) => ({ profile }),
  generateClusterToken: (profile: string) => ({ profile, cluster: 'orders', user: 'app' }),
  getClusterEndpoint: (profile: string) => ({ profile, cluster: 'orders' }),
} as const;

describe('one profile-name limit for every channel', () => {
  it.each(Object.entries(requests))('%s takes a 256-character profile name and refuses a 257-character one', (method, build) => {
    const schema = invokeContract[method as keyof typeof requests].request;
    expect(schema.safeParse(build('p'.repeat(256))).success).toBe(true);
    expect(schema.safeParse(build('p'.repeat(257))).success).toBe(false);
  });
});
