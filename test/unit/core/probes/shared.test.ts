import { describe, expect, it } from 'vitest';
import { readDenial, requiredActions } from '../../../../src/core/probes/permission-actions';
import { describeOffset, policySourceOf, userNameOf } from '../../../../src/core/probes/shared';
import type { TargetFact } from '../../../../src/core/diagnosis/facts';

describe('policySourceOf', () => {
  it('keeps a user ARN and turns an assumed-role session into its role ARN', () => {
    expect(policySourceOf('arn:aws:iam::123456789012:user/dev/alice')).toEqual({
      kind: 'user',
      arn: 'arn:aws:iam::123456789012:user/dev/alice',
      name: 'alice',
    });
    expect(policySourceOf('arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com')).toEqual({
      kind: 'role',
      arn: 'arn:aws:iam::123456789012:role/Admin',
      name: 'Admin',
    });
    expect(policySourceOf('arn:aws-us-gov:sts::123456789012:assumed-role/R/s')).toMatchObject({ arn: 'arn:aws-us-gov:iam::123456789012:role/R' });
    expect(policySourceOf('arn:aws:iam::123456789012:root')).toMatchObject({ kind: 'none' });
    expect(policySourceOf('arn:aws:sts::123456789012:federated-user/bob')).toMatchObject({ kind: 'none' });
  });

  it('finds the user name behind a path', () => {
    expect(userNameOf('arn:aws:iam::123456789012:user/team/bob')).toBe('bob');
    expect(userNameOf('arn:aws:sts::123456789012:assumed-role/R/s')).toBeNull();
  });
});

describe('readDenial', () => {
  it('reads the policy type from the AccessDenied wording', () => {
    expect(
      readDenial('User: x is not authorized to perform: memorydb:DescribeClusters on resource: y with an explicit deny in a service control policy'),
    ).toEqual({ decision: 'explicitDeny', deniedBy: 'service control policy' });
    expect(readDenial('... because no identity-based policy allows the memorydb:DescribeClusters action')).toEqual({
      decision: 'implicitDeny',
      deniedBy: 'identity-based policy',
    });
    expect(readDenial('... with an explicit deny in a permissions boundary')).toEqual({ decision: 'explicitDeny', deniedBy: 'permissions boundary' });
    expect(readDenial('User: x is not authorized to perform: memorydb:ListTags')).toEqual({ decision: 'denied', deniedBy: undefined });
  });
});

describe('requiredActions', () => {
  it('needs users and ACLs only for cluster work, and leaves Connect to the cluster step', () => {
    expect(requiredActions({ cluster: null, user: null } as TargetFact)).toEqual(['memorydb:DescribeClusters', 'memorydb:ListTags']);
    expect(requiredActions({ cluster: 'orders', user: null } as TargetFact)).not.toContain('memorydb:Connect');
    expect(requiredActions({ cluster: 'orders', user: 'u' } as TargetFact)).toContain('memorydb:DescribeACLs');
  });
});

describe('describeOffset', () => {
  it('says which way the clock is off', () => {
    expect(describeOffset(7 * 60_000 + 30_000)).toBe('local clock 7 min 30 s behind the server');
    expect(describeOffset(-5_000)).toBe('local clock 5 s ahead of the server');
  });
});
