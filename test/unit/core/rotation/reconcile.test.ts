import { describe, expect, it } from 'vitest';
import { describeReconciliation, refusedButPassing, type Reconciliation } from '../../../../src/core/rotation/reconcile';

const base: Reconciliation = { verified: false, deletedLost: [], deletedKnown: false, kept: [], unlistedBecause: null };

describe('describeReconciliation: the closing words claim only what a listing showed', () => {
  it('says no new key is left only after a listing showed none and nothing was kept', () => {
    const text = describeReconciliation({ ...base, verified: true, deletedLost: ['AKIAIOSFODNN7EXAMPLE'] });
    expect(text).toContain('AKIA…MPLE');
    expect(text).toMatch(/it was deleted\. A listing of the user’s keys shows no new key is left in IAM\.$/);
  });

  it('never says so when a key was kept, or when the keys could not be listed', () => {
    expect(describeReconciliation({ ...base, verified: true, kept: ['AKIAIOSFODNN7EXAMPLE'] })).not.toMatch(/no new key is left/);
    const unlisted = describeReconciliation({ ...base, unlistedBecause: 'TimeoutError: socket hang up' });
    expect(unlisted).not.toMatch(/no new key is left/);
    expect(unlisted).toMatch(/could not be checked \(TimeoutError: socket hang up\)/);
  });
});

describe('refusedButPassing: the only failures a non-idempotent call is sent again for', () => {
  const error = (name: string, status?: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
  it('accepts a refusal that proves nothing was done and may pass', () => {
    expect(refusedButPassing(error('Throttling', 400))).toBe(true);
    expect(refusedButPassing(error('InvalidClientTokenId', 403))).toBe(true);
  });
  it('refuses anything that may have been carried out, or will not pass', () => {
    expect(refusedButPassing(error('ServiceUnavailable', 503))).toBe(false);
    expect(refusedButPassing(Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }))).toBe(false);
    expect(refusedButPassing(error('AccessDenied', 403))).toBe(false);
    expect(refusedButPassing(error('LimitExceededException', 409))).toBe(false);
  });
});
