import { describe, expect, it } from 'vitest';
import { leftoverCommand, toSharedLeftover, type Leftover } from '../../../../src/core/rotation/leftovers';
import { stsRegionFor, userNameFromArn } from '../../../../src/core/rotation/preflight';

const leftover: Leftover = { keyId: 'AKIAI44QH8DHBEXAMPLE', userName: 'dev-user', profile: 'dev', status: 'Active', note: 'n', action: 'delete' };

describe('cleanup commands', () => {
  it('gives the one AWS CLI command, whole for the terminal and masked for the renderer', () => {
    expect(leftoverCommand(leftover, false)).toBe('aws iam delete-access-key --access-key-id AKIAI44QH8DHBEXAMPLE --user-name dev-user --profile dev');
    expect(toSharedLeftover(leftover).command).toBe('aws iam delete-access-key --access-key-id AKIA…MPLE --user-name dev-user --profile dev');
    expect(leftoverCommand({ ...leftover, action: 'deactivate' }, false)).toContain('update-access-key --access-key-id AKIAI44QH8DHBEXAMPLE --status Inactive');
    expect(leftoverCommand({ ...leftover, keyId: null, action: 'find-and-delete' }, true)).toMatch(/^aws iam list-access-keys --user-name dev-user/);
  });
});

describe('user names from caller ARNs', () => {
  it.each([
    ['arn:aws:iam::111122223333:user/dev-user', 'dev-user'],
    ['arn:aws:iam::111122223333:user/division/team/dev-user', 'dev-user'],
    ['arn:aws-cn:iam::111122223333:user/dev', 'dev'],
    ['arn:aws:iam::111122223333:root', null],
    ['arn:aws:sts::111122223333:assumed-role/Dev/session', null],
  ])('%s -> %s', (arn, name) => {
    expect(userNameFromArn(arn)).toBe(name);
  });
});

describe('the region for STS calls', () => {
  it('avoids opt-in regions in the aws partition, keeps partitions and configured endpoints', () => {
    expect(stsRegionFor('ap-east-1', false)).toBe('us-east-1');
    expect(stsRegionFor(null, false)).toBe('us-east-1');
    expect(stsRegionFor('cn-north-1', false)).toBe('cn-north-1');
    expect(stsRegionFor('us-gov-west-1', false)).toBe('us-gov-west-1');
    expect(stsRegionFor('eu-west-1', true)).toBe('eu-west-1');
  });
});
