import { describe, expect, it } from 'vitest';
import { readDenial } from '../../../../src/core/probes/permission-actions';

const head =
  'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: memorydb:DescribeClusters on resource: arn:aws:memorydb:eu-west-1:123456789012:cluster/*';

describe('readDenial: what an AccessDenied message says about the deny (IAM User Guide, troubleshoot_access-denied)', () => {
  it.each([
    ['identity-based policy', 'an'],
    ['resource-based policy', 'a'],
    ['service control policy', 'a'],
    ['resource control policy', 'a'],
    ['permissions boundary', 'a'],
    ['session policy', 'a'],
    ['VPC endpoint policy', 'a'],
  ])('explicit deny in a(n) %s', (type, article) => {
    expect(readDenial(`${head} with an explicit deny in ${article} ${type}`)).toEqual({ decision: 'explicitDeny', deniedBy: type.toLowerCase() });
  });

  it.each(['identity-based policy', 'permissions boundary', 'session policy', 'VPC endpoint policy', 'service control policy'])(
    'implicit deny: because no %s allows the action',
    (type) => {
      expect(readDenial(`${head} because no ${type} allows the memorydb:DescribeClusters action`)).toEqual({
        decision: 'implicitDeny',
        deniedBy: type.toLowerCase(),
      });
    },
  );

  it('a message without either wording leaves the kind of deny unknown', () => {
    expect(readDenial(head)).toEqual({ decision: 'denied' });
    expect(readDenial('You do not have permission to perform this action.')).toEqual({ decision: 'denied' });
  });
});
