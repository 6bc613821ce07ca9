import type { Cause, Fix } from '../../shared/model/diagnosis';
import { makeCause } from '../diagnosis/causes';
import type { TargetFact } from '../diagnosis/facts';
import { defineProbe } from '../diagnosis/probe';
import { regionDataSource } from '../regions/region-data';
import { isKnownRegion, isOptInRegion, looksLikeRegion, memoryDbRegionsNear, offersMemoryDb } from '../regions/regions';
import { note } from './shared';

/**
 * The fixes that make `region` the effective region, where the current one comes from: an
 * environment variable is unset or changed (writing the file would change nothing), a file
 * value is set in the profile's section, with the command that does the same.
 */
export function regionFixes(target: TargetFact, region: string, why: string): Fix[] {
  const name = target.profile.name;
  const source = target.regionSource ?? '';
  if (source === 'AWS_REGION') {
    const own = target.profile.settings.region?.trim();
    if (own === region) {
      return [
        {
          kind: 'copy-command',
          label: `AWS_REGION=${target.region} overrides the profile's own region ${region} (${why}); unset it, here and in your shell profile`,
          command: 'unset AWS_REGION',
        },
      ];
    }
    return [{ kind: 'copy-command', label: `Point AWS_REGION at ${region} (${why}), here and in your shell profile`, command: `export AWS_REGION=${region}` }];
  }
  if (source === 'the --region option') {
    return [{ kind: 'copy-command', label: `Ask about ${region} instead (${why})`, command: `--region ${region}` }];
  }
  const fixes: Fix[] = [
    {
      kind: 'set-value',
      id: `set-value:config:${name}:region=${region}`,
      label: `Set region = ${region} for profile "${name}" (${why})`,
      file: 'config',
      path: target.profile.files.config,
      profile: name,
      key: 'region',
      value: region,
    },
    { kind: 'copy-command', label: 'The same with the AWS CLI', command: `aws configure set region ${region} --profile ${name}` },
  ];
  if (source.startsWith('AWS_DEFAULT_REGION')) fixes.push({ kind: 'copy-command', label: 'Or for this shell only', command: `export AWS_REGION=${region}` });
  return fixes;
}

/**
 * Step 3, offline: the effective region and where it came from; is it a region at all,
 * and is MemoryDB offered there. Waits for the region scan so a missing region's fix can
 * name the region where the clusters are.
 */
export const regionConfigProbe = defineProbe({
  id: 'region.configured',
  step: 'region',
  title: 'Configured region',
  needs: ['target'],
  uses: ['clusterLocations'],
  yields: [],
  async run({ need, facts }) {
    const target = need('target');
    const found = facts.clusterLocations ?? [];
    const regionsWithClusters = [...new Set(found.map((cluster) => cluster.region))];
    const suggested = regionsWithClusters.length === 1 ? regionsWithClusters[0] : undefined;
    const fixes = suggested ? regionFixes(target, suggested, 'where your clusters are') : [];
    const causes: Cause[] = [];
    const source = note('Region data', `${regionDataSource.memoryDb}; ${regionDataSource.optIn}`);
    if (!target.region) {
      const cause = makeCause(
        'region.missing',
        `No region for profile "${target.profile.name}": not in AWS_REGION nor in its config section.${suggested ? ` Your clusters are in ${suggested}.` : ''}`,
        [note('Region lookup', 'Checked the request, AWS_REGION, AWS_DEFAULT_REGION and the profile’s region key.')],
        fixes.length > 0
          ? fixes
          : [
              target.profile.exists
                ? {
                    kind: 'copy-command',
                    label: 'Set the region of the profile (e.g. eu-west-1)',
                    command: `aws configure set region eu-west-1 --profile ${target.profile.name}`,
                  }
                : { kind: 'copy-command', label: 'Set the region for this shell (e.g. eu-west-1)', command: 'export AWS_REGION=eu-west-1' },
            ],
      );
      return { status: 'fail', verdict: cause.summary, evidence: cause.evidence, causes: [cause] };
    }
    const region = target.region;
    const evidence = [note(`Region ${region}`, `from ${target.regionSource ?? 'unknown source'}`), source];
    if (!looksLikeRegion(region) || !isKnownRegion(region)) {
      causes.push(makeCause('region.invalid', `"${region}" (from ${target.regionSource}) is not an AWS region name.`, evidence, fixes));
    } else if (!offersMemoryDb(region)) {
      causes.push(makeCause('region.invalid', `MemoryDB is not offered in ${region}; it is in ${memoryDbRegionsNear(region).join(', ')}.`, evidence, fixes));
    }
    if (causes.length > 0) return { status: 'fail', verdict: causes[0]!.summary, evidence, causes };
    return {
      status: 'pass',
      verdict: `${region} from ${target.regionSource}; MemoryDB is offered there${isOptInRegion(region) ? ' (an opt-in region)' : ''}.`,
      evidence,
    };
  },
});
