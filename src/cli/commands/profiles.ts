import { profileListSchema } from '../../shared/model/profile';
import { loadProfiles } from '../../core/profiles/load-profiles';
import { profileListView } from '../../core/profiles/views';
import { exitCodes, parseOptions, type CliCommand } from '../io';

const usage = `Usage: mdb-doctor profiles [--json]

Lists every profile the SDK would see (files from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE
or ~/.aws, plus environment credentials) with its kind, region and static findings. No network.`;

/** `mdb-doctor profiles`. */
export const profilesCommand: CliCommand = {
  name: 'profiles',
  summary: 'List local AWS profiles with their static findings (no network)',
  usage,
  async run(argv, io) {
    const values = parseOptions(argv, { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } });
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return exitCodes.ok;
    }
    const json = values.json;
    const set = await loadProfiles(io.host);
    // Parsing through the renderer's schema keeps the output to what the contract names: nothing secret.
    const view = profileListSchema.parse(profileListView(set));
    if (json) {
      io.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
      return exitCodes.ok;
    }
    const lines = [`Credentials file: ${view.files.credentials}`, `Config file:      ${view.files.config}`, ''];
    const rows = view.profiles.map((profile) => [
      `${profile.isDefault ? '*' : ' '} ${profile.name}`,
      profile.kind,
      profile.region ? `${profile.region} (${profile.regionSource})` : '—',
      profile.maskedKeyId ?? '—',
      profile.findingCount === 0 ? 'ok' : `${profile.findingCount} finding${profile.findingCount === 1 ? '' : 's'} (worst: ${profile.worstSeverity})`,
    ]);
    const header = ['  PROFILE', 'KIND', 'REGION', 'KEY', 'FINDINGS'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
    for (const row of [header, ...rows])
      lines.push(
        row
          .map((cell, column) => cell.padEnd(widths[column]!))
          .join('  ')
          .trimEnd(),
      );
    if (view.profiles.length === 0) lines.push('No profiles found.');
    lines.push('', '* = what the SDK uses when no profile is named.');
    io.stdout.write(`${lines.join('\n')}\n`);
    return exitCodes.ok;
  },
};
