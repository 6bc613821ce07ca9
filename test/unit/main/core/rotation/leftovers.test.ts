import { describe, expect, it } from 'vitest';
import { leftoverCommand, toSharedLeftover, type Leftover } from '../../../../../src/main/core/rotation/leftovers';
import { userNameFromArn } from '../../../../../src/main/core/rotation/preflight';

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
