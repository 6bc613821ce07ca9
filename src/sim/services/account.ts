import type { ServiceDefinition } from '../service';
import { SimError } from '../wire';
import { KNOWN_REGIONS, OPT_IN_REGIONS } from '../world';

/**
 * The Account Management API's GetRegionOptStatus (rest-json, `POST /getRegionOptStatus`,
 * docs/aws-behaviour.md §3.3, botocore `account` model). Global service signed for us-east-1.
 */

/** The Account API service definition. */
export const accountApi: ServiceDefinition = {
  signingName: 'account',
  protocol: 'rest-json',
  namespace: 'com.amazonaws.account',
  version: '2021-02-01',
  homeRegion: 'us-east-1',
  accessDeniedCode: 'AccessDeniedException',
  operations: {
    GetRegionOptStatus: (context) => {
      const { input, caller, world } = context;
      const regionName = input['RegionName'];
      const accountId = input['AccountId'];
      context.authorize('account:GetRegionOptStatus', `arn:aws:account::${caller.account.id}:account`);
      if (typeof regionName !== 'string' || regionName.length === 0) {
        throw new SimError('ValidationException', 400, 'Invalid request body: RegionName is required.', 'Sender', 'com.amazonaws.account');
      }
      // Another account's status needs the organization's management account; this one has none.
      if (accountId !== undefined && accountId !== caller.account.id) {
        throw new SimError(
          'AccessDeniedException',
          403,
          `User: arn:aws:iam::${caller.account.id}:root is not authorized to perform: account:GetRegionOptStatus on resource: arn:aws:account::${caller.account.id}:account/o-none/${String(accountId)}`,
          'Sender',
        );
      }
      if (!KNOWN_REGIONS.includes(regionName)) {
        throw new SimError('ValidationException', 400, `Invalid region: ${regionName}`, 'Sender', 'com.amazonaws.account');
      }
      const status = !OPT_IN_REGIONS.includes(regionName) ? 'ENABLED_BY_DEFAULT' : world.regionEnabled(caller.account.id, regionName) ? 'ENABLED' : 'DISABLED';
      return { RegionName: regionName, RegionOptStatus: status };
    },
  },
};
