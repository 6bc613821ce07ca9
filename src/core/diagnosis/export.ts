import type { DiagnosisReport, Evidence, ExportFormat, Fix } from '../../shared/model/diagnosis';
import { Redactor } from './redact';
import { stepName } from './report';

function evidenceLine(item: Evidence): string {
  const details = [
    item.request && item.request !== item.label ? `request ${item.request}` : '',
    item.errorName ? `error ${item.errorName}` : '',
    item.httpStatus !== undefined ? `HTTP ${item.httpStatus}` : '',
    item.requestId ? `request id ${item.requestId}` : '',
  ].filter(Boolean);
  const message = item.message ? ` — ${item.message.replace(/\s+/g, ' ').trim()}` : '';
  return `- ${item.label}${details.length > 0 ? ` (${details.join(', ')})` : ''}${message}`;
}

function fixLines(fix: Fix): string[] {
  switch (fix.kind) {
    case 'set-value':
      return [`- ${fix.label}: set \`${fix.key} = ${fix.value}\` in [${fix.profile}] of ${fix.path}`];
    case 'copy-policy':
      return [`- ${fix.label}:`, '', '```json', ...fix.json.split('\n'), '```', ''];
    case 'copy-command':
    case 'refresh-command':
      return [`- ${fix.label}:`, '', '```sh', fix.command, '```', ''];
    case 'open-console':
      return [`- ${fix.label}: <${fix.url}>`];
    case 'rotate-key':
      return [`- ${fix.label} (\`mdb-doctor rotate --profile ${fix.profile}\` or the app's Renew step)`];
    case 'sso-sign-in':
      return [`- ${fix.label} (\`mdb-doctor sso login --profile ${fix.profile}\` or the app's Sign in button)`];
  }
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** The report as Markdown fit for a ticket. */
export function reportToMarkdown(report: DiagnosisReport): string {
  const lines = ['# MemoryDB Credentials Doctor report', ''];
  const { target } = report;
  lines.push(
    `- Profile: \`${report.profile}\`${target.credentialSource ? ` (credentials from ${target.credentialSource}${target.maskedKeyId ? `, key ${target.maskedKeyId}` : ''})` : ''}`,
  );
  lines.push(`- Region: ${target.region ? `\`${target.region}\` from ${target.regionSource}` : 'none configured'}`);
  if (target.identity) lines.push(`- Identity: \`${target.identity.arn}\` (account ${target.identity.account})`);
  if (target.cluster || target.user) lines.push(`- Cluster: ${target.cluster ?? '—'}, user: ${target.user ?? '—'}`);
  lines.push(`- Run: ${report.startedAt}, ${Math.round(report.durationMs)} ms${report.cancelled ? ', cancelled' : ''}`, '');
  const root = report.causes[0];
  lines.push(root ? `## Root cause: \`${root.id}\`` : '## No problem found', '', root ? root.summary : (report.steps.at(-1)?.summary ?? ''), '');
  if (report.causes.length > 0) {
    lines.push('## Causes', '');
    report.causes.forEach((cause, index) => {
      lines.push(`### ${index + 1}. \`${cause.id}\` (${cause.severity}, ${stepName(cause.step)})`, '', cause.summary, '');
      if (cause.evidence.length > 0) lines.push('Evidence:', '', ...cause.evidence.map(evidenceLine), '');
      if (cause.fixes.length > 0) lines.push('Fixes:', '', ...cause.fixes.flatMap(fixLines), '');
    });
  }
  lines.push('## Steps', '', '| Step | Status | Summary |', '| --- | --- | --- |');
  for (const step of report.steps) lines.push(`| ${stepName(step.step)} | ${step.status} | ${cell(step.summary)} |`);
  lines.push('', '## Probes', '', '| Probe | Status | Verdict | ms |', '| --- | --- | --- | --- |');
  for (const probe of report.probes) lines.push(`| ${cell(probe.title)} | ${probe.status} | ${cell(probe.verdict)} | ${Math.round(probe.durationMs)} |`);
  lines.push('');
  return lines.join('\n');
}

/** The report as stable JSON (docs/diagnosis.md's keys first, then the documented extras). */
export function reportToJson(report: DiagnosisReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The report in the chosen format, passed once more through the redactor (defence in depth). */
export function exportReport(report: DiagnosisReport, format: ExportFormat): string {
  const clean = new Redactor().deep(report);
  return format === 'markdown' ? reportToMarkdown(clean) : reportToJson(clean);
}
