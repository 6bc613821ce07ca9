import {
  canonicalSectionName,
  commentStart,
  iniMapFromScan,
  joinIniLines,
  scanIniLines,
  scanIniText,
  splitIniLines,
  type IniLine,
  type IniLineInfo,
  type IniMap,
} from './ini-lines';

/**
 * One change to an AWS INI file. `section` is the literal header text ('default',
 * 'profile dev', 'dev', 'sso-session corp'); `value: null` removes the key; a section that
 * does not exist yet is appended at the end of the file.
 */
export interface IniEdit {
  section: string;
  key: string;
  value: string | null;
}

/** What one edit did to the file's lines. */
export interface IniLineChange {
  kind: 'replace' | 'insert' | 'delete';
  /** 1-based line in the original text (replace, delete). */
  oldLine: number | null;
  /** 1-based line in the edited text (replace, insert). */
  newLine: number | null;
}

/** The edited text and the exact lines that changed. */
export interface IniEditPlan {
  text: string;
  changes: IniLineChange[];
}

/** An edit that cannot be written so that the SDK reads back exactly what was asked. */
export class IniEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IniEditError';
  }
}

/** The header text of a profile's section: config files prefix every profile but `default`. */
export function sectionHeaderFor(file: 'credentials' | 'config', profile: string): string {
  return file === 'config' && profile !== 'default' ? `profile ${profile}` : profile;
}

const keyPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function validateEdit(edit: IniEdit): string {
  const section = canonicalSectionName(edit.section);
  if (section === undefined || edit.section.trim() !== edit.section || edit.section === '' || /[\r\n[\]]/.test(edit.section)) {
    throw new IniEditError(`"${edit.section}" is not a section header the AWS SDK would read.`);
  }
  if (!keyPattern.test(edit.key)) throw new IniEditError(`"${edit.key}" is not a key the AWS SDK would read.`);
  if (edit.value !== null) {
    // The SDK trims values, treats an empty value as a sub-section and cuts at " #" / " ;",
    // so any of these would read back as something other than what we wrote.
    if (edit.value === '' || edit.value.trim() !== edit.value || /[\r\n]/.test(edit.value) || commentStart(edit.value) < edit.value.length) {
      throw new IniEditError(`The value for ${edit.key} cannot be written without changing its meaning (empty, padded, multi-line or comment-like).`);
    }
  }
  return section;
}

type Entry = Extract<IniLineInfo, { kind: 'entry' }>;

function isTopLevelEntry(info: IniLineInfo, section: string, key: string): info is Entry {
  return info.kind === 'entry' && info.section === section && info.subsection === undefined && info.key === key;
}

/** The `key = value` spacing the file already uses, so new lines look like their neighbours. */
function separatorStyle(infos: readonly IniLineInfo[], section: string): string {
  const entries = infos.filter((info): info is Entry => info.kind === 'entry' && info.subsection === undefined);
  const sample = entries.find((entry) => entry.section === section) ?? entries[0];
  if (!sample) return ' = ';
  const separator = sample.line.text.slice(sample.keyEnd, sample.valueStart);
  return /^[ \t]*=[ \t]*$/.test(separator) ? separator : ' = ';
}

function dominantEol(lines: readonly IniLine[]): string {
  return lines.find((line) => line.eol !== '')?.eol ?? '\n';
}

interface WorkingLine {
  text: string;
  eol: string;
  oldLine: number | null;
  changed: boolean;
}

function applyOne(lines: WorkingLine[], edit: IniEdit, section: string, eol: string): void {
  const infos = scanIniLines(lines.map((line, index) => ({ number: index + 1, text: line.text, eol: line.eol })));
  const matches = infos.filter((info): info is Entry => isTopLevelEntry(info, section, edit.key));
  if (edit.value === null) {
    // Every assignment goes: with one left, an earlier duplicate would become the value.
    for (const match of [...matches].reverse()) removeLine(lines, match.line.number - 1);
    return;
  }
  const last = matches.at(-1);
  if (last) {
    const line = lines[last.line.number - 1]!;
    line.text = line.text.slice(0, last.valueStart) + edit.value + line.text.slice(last.valueEnd);
    line.changed = true;
    return;
  }
  const newText = `${edit.key}${separatorStyle(infos, section)}${edit.value}`;
  const headers = infos.filter((info) => info.kind === 'header' && info.section === section);
  const lastHeader = headers.at(-1);
  if (!lastHeader) {
    appendSection(lines, edit.section, newText, eol);
    return;
  }
  // Insert after the section's last content line, before the comments and blank lines
  // that usually introduce the next section.
  let anchor = lastHeader.line.number - 1;
  for (let index = anchor + 1; index < infos.length; index += 1) {
    const info = infos[index]!;
    if (info.kind === 'header') break;
    if (info.kind !== 'blank' && info.kind !== 'comment') anchor = index;
  }
  insertAfter(lines, anchor, newText, eol);
}

function insertAfter(lines: WorkingLine[], anchor: number, text: string, eol: string): void {
  const previous = lines[anchor]!;
  const inserted: WorkingLine = { text, eol: previous.eol === '' ? '' : previous.eol, oldLine: null, changed: true };
  if (previous.eol === '') previous.eol = eol;
  lines.splice(anchor + 1, 0, inserted);
}

function removeLine(lines: WorkingLine[], index: number): void {
  const [removed] = lines.splice(index, 1);
  // Removing the last line must not leave a trailing newline the file never had.
  if (removed && removed.eol === '' && index > 0 && index === lines.length) lines[index - 1]!.eol = '';
}

function appendSection(lines: WorkingLine[], header: string, entry: string, eol: string): void {
  const endsWithNewline = lines.length > 1 && lines.at(-1)!.text === '' && lines.at(-1)!.eol === '';
  const isEmpty = lines.length === 1 && lines[0]!.text === '';
  if (isEmpty) {
    // The empty file's one empty "line" stays last, so the new file ends with a newline.
    lines.unshift({ text: `[${header}]`, eol, oldLine: null, changed: true }, { text: entry, eol, oldLine: null, changed: true });
    return;
  }
  const trailing = endsWithNewline ? lines.pop() : undefined;
  const last = lines.at(-1)!;
  const lastEol = last.eol;
  if (last.eol === '') last.eol = eol;
  const added: WorkingLine[] = [];
  if (last.text.trim() !== '') added.push({ text: '', eol, oldLine: null, changed: true });
  added.push({ text: `[${header}]`, eol, oldLine: null, changed: true });
  added.push({ text: entry, eol: endsWithNewline ? eol : lastEol, oldLine: null, changed: true });
  lines.push(...added);
  if (trailing) lines.push(trailing);
}

/**
 * Applies edits and reports which lines changed. Pure and byte-preserving: every line the
 * edits do not touch keeps its exact text and terminator (CRLF or LF, BOM, comments,
 * spacing, order, a missing final newline).
 */
export function planIniEdits(text: string, edits: readonly IniEdit[]): IniEditPlan {
  const original = splitIniLines(text);
  const eol = dominantEol(original);
  const lines: WorkingLine[] = original.map((line) => ({ text: line.text, eol: line.eol, oldLine: line.number, changed: false }));
  const survivors = new Set(original.map((line) => line.number));
  for (const edit of edits) {
    const section = validateEdit(edit);
    applyOne(lines, edit, section, eol);
  }
  for (const line of lines) if (line.oldLine !== null) survivors.delete(line.oldLine);
  const edited = joinIniLines(lines);
  checkOnlyIntendedValuesChanged(text, edited, edits);
  const changes: IniLineChange[] = [];
  lines.forEach((line, index) => {
    if (line.changed) changes.push({ kind: line.oldLine === null ? 'insert' : 'replace', oldLine: line.oldLine, newLine: index + 1 });
  });
  for (const oldLine of [...survivors].sort((a, b) => a - b)) changes.push({ kind: 'delete', oldLine, newLine: null });
  return { text: edited, changes };
}

function valueIn(map: IniMap, section: string, key: string): string | undefined {
  return Object.hasOwn(map, section) && Object.hasOwn(map[section]!, key) ? map[section]![key] : undefined;
}

/**
 * Compares two parses of a file: returns a sentence naming the first value that differs
 * from what the edits intended (an edited key with another value, or any other key that
 * moved), or null when only the edited values changed.
 */
export function unintendedChange(before: IniMap, after: IniMap, edits: readonly IniEdit[]): string | null {
  const expected = new Map<string, string | null>();
  for (const edit of edits) expected.set(`${canonicalSectionName(edit.section)}\u0000${edit.key}`, edit.value);
  const sections = new Set([...Object.keys(before), ...Object.keys(after), ...[...expected.keys()].map((id) => id.split('\u0000')[0]!)]);
  for (const section of sections) {
    const keys = new Set([...Object.keys(before[section] ?? {}), ...Object.keys(after[section] ?? {})]);
    for (const id of expected.keys()) if (id.startsWith(`${section}\u0000`)) keys.add(id.slice(section.length + 1));
    for (const key of keys) {
      const id = `${section}\u0000${key}`;
      const want = expected.has(id) ? (expected.get(id) ?? undefined) : valueIn(before, section, key);
      if (valueIn(after, section, key) !== want) {
        return expected.has(id) ? `${key} in [${section}] would not read back as intended` : `${key} in [${section}] would change too`;
      }
    }
  }
  return null;
}

/**
 * Reads both texts back and refuses the edit when anything but the edited keys moved:
 * e.g. removing a line that used to end an indented sub-section would re-home the lines
 * below it.
 */
function checkOnlyIntendedValuesChanged(before: string, after: string, edits: readonly IniEdit[]): void {
  const problem = unintendedChange(iniMapFromScan(scanIniText(before)), iniMapFromScan(scanIniText(after)), edits);
  if (problem !== null) throw new IniEditError(`The edit is unsafe: ${problem}, because of the file's layout.`);
}

/** Applies edits to an AWS INI file's text; see {@link planIniEdits}. */
export function applyIniEdits(text: string, edits: readonly IniEdit[]): string {
  return planIniEdits(text, edits).text;
}
