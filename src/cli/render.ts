import type { DiagnosisReport, Evidence, Fix, StepStatus } from '../shared/model/diagnosis';
import { sectionHeaderFor } from '../core/aws-files/ini-edit';
import { stepName } from '../core/diagnosis/report';

const marks: Record<StepStatus, string> = { pass: '✔', fail: '✖', warn: '!', unknown: '?', skipped: '–', blocked: '⋯' };

/** The mark for a status in human output. */
export function statusMark(status: StepStatus): string {
  return marks[status];
}

function evidenceText(item: Evidence): string {
  const details = [item.errorName, item.httpStatus !== undefined ? `HTTP ${item.httpStatus}` : '', item.requestId ? `request id ${item.requestId}` : '']
    .filter(Boolean)
    .join(', ');
  return `${item.label}${details && !item.label.includes(details) ? ` (${details})` : ''}${item.message ? `: ${item.message.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`;
}

/** A fix as lines of terminal text: its label, then the command or policy to copy. */
export function fixText(fix: Fix): string[] {
  switch (fix.kind) {
    case 'set-value':
      return [`${fix.label}: ${fix.key} = ${fix.value} in [${sectionHeaderFor(fix.file, fix.profile)}] of ${fix.path}`];
    case 'copy-policy':
      return [`${fix.label}:`, ...fix.json.split('\n').map((line) => `    ${line}`)];
    case 'copy-command':
    case 'refresh-command':
      return [`${fix.label}:`, `    ${fix.command}`];
    case 'open-console':
      return [`${fix.label}: ${fix.url}`];
    case 'rotate-key':
      return [`${fix.label}: mdb-doctor rotate --profile ${fix.profile}`];
    case 'sso-sign-in':
      return [`${fix.label}:`, `    mdb-doctor sso login --profile ${fix.profile}`];
  }
}

/** The report for a person at a terminal: steps, then the causes with evidence and fixes. */
export function renderReport(report: DiagnosisReport): string {
  const { target } = report;
  const lines = [
    `Profile ${report.profile}${[target.maskedKeyId ? `key ${target.maskedKeyId}` : '', target.credentialSource ? `from ${target.credentialSource}` : '']
      .filter(Boolean)
      .join(' ')
      .replace(/^(.+)$/, ' ($1)')}`,
    `Region  ${target.region ?? 'none'}${target.regionSource ? ` (from ${target.regionSource})` : ''}${target.cluster ? `, cluster ${target.cluster}` : ''}${target.user ? `, user ${target.user}` : ''}`,
  ];
  if (target.identity) lines.push(`As      ${target.identity.arn}`);
  lines.push('');
  for (const step of report.steps) lines.push(`${statusMark(step.status)} ${stepName(step.step).padEnd(16)} ${step.summary}`);
  lines.push('');
  if (report.causes.length === 0) {
    lines.push(report.steps.at(-1)?.status === 'pass' ? 'No problem found.' : 'No cause named, but not every check could run (see above).');
    return `${lines.join('\n')}\n`;
  }
  report.causes.forEach((cause, index) => {
    lines.push(`${index === 0 ? 'Root cause' : `Also (${cause.severity})`}: ${cause.id} — ${cause.summary}`);
    if (cause.evidence.length > 0) lines.push('  Evidence:', ...cause.evidence.slice(0, 6).map((item) => `    - ${evidenceText(item)}`));
    if (cause.fixes.length > 0)
      lines.push('  Fix:', ...cause.fixes.flatMap((fix) => fixText(fix).map((line, at) => `${at === 0 ? '    - ' : '      '}${line}`)));
    lines.push('');
  });
  return `${lines.join('\n')}`;
}
