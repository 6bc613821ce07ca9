import { GetRegionOptStatusCommand } from '@aws-sdk/client-account';
import { makeCause } from '../diagnosis/causes';
import { defineProbe, type ProbeOutcome } from '../diagnosis/probe';
import { fallbackRegion, isKnownRegion, isOptInRegion } from '../regions/regions';
import { enableRegionFixes, note } from './shared';

/**
 * Step 3: for an opt-in region, whether the account has enabled it
 * (account:GetRegionOptStatus; docs/aws-behaviour.md §3.3). Other regions are on for every account.
 */
export const regionOptInProbe = defineProbe({
  id: 'region.opt-in',
  step: 'region',
  title: 'Region enabled for the account',
  needs: ['target', 'credentials'],
  yields: ['regionOptIn'],
  async run({ need, call }): Promise<ProbeOutcome> {
    const target = need('target');
    const region = target.region;
    if (!region || !isKnownRegion(region)) return { status: 'skipped', verdict: 'No valid region to check.' };
    if (!isOptInRegion(region))
      return {
        status: 'pass',
        verdict: `${region} is enabled for every account (not an opt-in region).`,
        evidence: [note('Opt-in list', 'Regions launched before 2019-03-20 are enabled by default.')],
      };
    const result = await call('account', fallbackRegion(region), `account:GetRegionOptStatus for ${region}`, (client, options) =>
      client.send(new GetRegionOptStatusCommand({ RegionName: region }), options),
    );
    if (!result.ok) {
      const denied = result.failure.kind === 'access-denied';
      return {
        facts: { regionOptIn: { region, status: 'unknown' } },
        status: 'unknown',
        verdict: denied
          ? `Not allowed to ask whether ${region} is enabled: account:GetRegionOptStatus would tell.`
          : `Could not ask whether ${region} is enabled: ${result.failure.errorName}.`,
        evidence: [result.evidence],
      };
    }
    const status = result.output.RegionOptStatus ?? 'unknown';
    const evidence = [{ ...result.evidence, message: `RegionOptStatus: ${status}` }];
    const facts = { regionOptIn: { region, status } };
    if (status === 'ENABLED' || status === 'ENABLED_BY_DEFAULT')
      return { status: 'pass', verdict: `${region} is enabled for the account (${status}).`, evidence, facts };
    if (status === 'ENABLING') return { status: 'warn', verdict: `${region} is being enabled; this can take minutes to hours.`, evidence, facts };
    const cause = makeCause('region.not-enabled', `${region} is an opt-in region and the account has it ${status}.`, evidence, enableRegionFixes(region));
    return { status: 'fail', verdict: cause.summary, evidence, causes: [cause], facts };
  },
});
