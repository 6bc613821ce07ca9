import { sortFindings, type Finding } from '../../shared/model/finding';
import { profileListSchema } from '../../shared/model/profile';
import { loadProfiles } from '../../core/profiles/load-profiles';
import { profileListView } from '../../core/profiles/views';
import { exitCodes, parseOptions, type CliCommand } from '../io';

const usage = `Usage: mdb-doctor profiles [--json]

Lists every profile the SDK would see (files from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE
or ~/.aws, plus environment credentials) with its kind, region and static findings, then every
finding with where it is and how to fix it. No network.
Exit codes: 0 no error finding, 1 error findings, 2 could not run.`;

function where(finding: Finding): string {
  const location = finding.location;
  if (location === null) return '';
  if (location.file === 'environment') return ` (${location.variable})`;
  return ` (${location.path}${location.line ? `:${location.line}` : ''})`;
}

/** `mdb-doctor profiles`. */
export const profilesCommand: CliCommand = {
  name: 'profiles',
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
    // Problems mean exit 1, as for diagnose: an error finding breaks loading for someone.
    const errors = [...view.findings, ...set.profiles.flatMap((profile) => profile.findings)].some((finding) => finding.severity === 'error');
    const code = errors ? exitCodes.problems : exitCodes.ok;
    if (json) {
      io.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
      return code;
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
    const groups: Array<[string, readonly Finding[]]> = [
      ['Files and environment', view.findings],
      ...set.profiles.map((profile): [string, readonly Finding[]] => [`Profile ${profile.name}`, profile.findings]),
    ];
    for (const [title, findings] of groups) {
      if (findings.length === 0) continue;
      lines.push('', `${title}:`);
      for (const finding of sortFindings(findings)) {
        lines.push(`  ${finding.severity.padEnd(7)} ${finding.id}${where(finding)}: ${finding.message}`);
        if (finding.fixHint) lines.push(`          fix: ${finding.fixHint}`);
      }
    }
    io.stdout.write(`${lines.join('\n')}\n`);
    return code;
  },
};
