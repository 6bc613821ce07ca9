/**
 * A line-level view of an AWS INI file that follows the SDK's own parser rule for rule
 * (`parseIni` in @smithy/core config, which @smithy/shared-ini-file-loader re-exports):
 * the same line split, comment rule, section-name rule and sub-section rule. The SDK's
 * parser hides positions; this one keeps them, so findings can name a line and the editor
 * can touch exactly one value.
 */

/** One physical line: its text without the terminator, and the terminator itself. */
export interface IniLine {
  /** 1-based line number. */
  number: number;
  text: string;
  /** '\r\n', '\n', or '' for a last line without a newline. */
  eol: string;
}

/** Section prefixes the SDK recognises in `[prefix name]` headers (@smithy/types IniSectionType). */
export const sectionPrefixes = ['profile', 'sso-session', 'services'] as const;

// Copied from the SDK's parseIni so headers are read exactly as the SDK reads them.
const prefixKeyRegex = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const commentRegex = /(^|\s)[;#]/;

/** Splits text the way the SDK does (`/\r?\n/`) but keeps each line's terminator. */
export function splitIniLines(text: string): IniLine[] {
  const lines: IniLine[] = [];
  let start = 0;
  let number = 1;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) {
      lines.push({ number, text: text.slice(start), eol: '' });
      break;
    }
    const crlf = newline > start && text[newline - 1] === '\r';
    lines.push({ number, text: text.slice(start, crlf ? newline - 1 : newline), eol: crlf ? '\r\n' : '\n' });
    start = newline + 1;
    number += 1;
  }
  return lines;
}

/** Joins lines back into text; the inverse of {@link splitIniLines}. */
export function joinIniLines(lines: readonly Pick<IniLine, 'text' | 'eol'>[]): string {
  return lines.map((line) => line.text + line.eol).join('');
}

/**
 * The key the SDK files a section under: `prefix.name` for a known prefix, the bare text
 * for a header without one, and undefined when the SDK drops the section (a two-word
 * header with an unknown prefix).
 */
export function canonicalSectionName(headerText: string): string | undefined {
  const matches = prefixKeyRegex.exec(headerText);
  if (!matches) return headerText;
  const [, prefix, , name] = matches;
  return (sectionPrefixes as readonly string[]).includes(prefix ?? '') ? `${prefix}.${name}` : undefined;
}

/** Where the comment starts in a line (the SDK's `(^|\s)[;#]` rule), or the line's length. */
export function commentStart(text: string): number {
  const match = commentRegex.exec(text);
  return match ? match.index : text.length;
}

interface LineBase {
  line: IniLine;
  /** Canonical name of the section this line belongs to, undefined when outside any (or in a dropped one). */
  section: string | undefined;
}

/** A classified line, with the positions the SDK's parser does not expose. */
export type IniLineInfo =
  | (LineBase & { kind: 'blank' | 'comment' })
  | (LineBase & { kind: 'header'; headerText: string; dropped: boolean })
  | (LineBase & {
      kind: 'entry';
      /** The key as the SDK stores it (`sub.key` inside a sub-section). */
      key: string;
      rawKey: string;
      subsection: string | undefined;
      value: string;
      keyStart: number;
      keyEnd: number;
      valueStart: number;
      valueEnd: number;
    })
  | (LineBase & { kind: 'subsection-start'; key: string; keyStart: number; keyEnd: number })
  | (LineBase & { kind: 'other'; content: string; ignoredBecause: 'outside-section' | 'no-equals' | 'empty-key' });

/** Classifies every line with the SDK's state machine (section, sub-section, entry). */
export function scanIniLines(lines: readonly IniLine[]): IniLineInfo[] {
  const result: IniLineInfo[] = [];
  let section: string | undefined;
  let subsection: string | undefined;
  for (const line of lines) {
    const cut = commentStart(line.text);
    const beforeComment = line.text.slice(0, cut);
    const trimmed = beforeComment.trim();
    if (trimmed === '') {
      result.push({ line, section, kind: cut < line.text.length ? 'comment' : 'blank' });
      continue;
    }
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      const headerText = trimmed.slice(1, -1);
      section = canonicalSectionName(headerText);
      subsection = undefined;
      result.push({ line, section, kind: 'header', headerText, dropped: section === undefined });
      continue;
    }
    if (section === undefined) {
      result.push({ line, section, kind: 'other', content: trimmed, ignoredBecause: 'outside-section' });
      continue;
    }
    const equals = trimmed.indexOf('=');
    if (equals === -1 || equals === 0) {
      result.push({ line, section, kind: 'other', content: trimmed, ignoredBecause: equals === 0 ? 'empty-key' : 'no-equals' });
      continue;
    }
    const lead = beforeComment.length - beforeComment.trimStart().length;
    const equalsAt = lead + equals;
    const rawKey = beforeComment.slice(lead, equalsAt).trim();
    const keyStart = lead;
    const keyEnd = lead + beforeComment.slice(lead, equalsAt).trimEnd().length;
    const afterEquals = beforeComment.slice(equalsAt + 1);
    const valueStart = equalsAt + 1 + (afterEquals.length - afterEquals.trimStart().length);
    const valueEnd = beforeComment.trimEnd().length;
    const value = line.text.slice(valueStart, Math.max(valueStart, valueEnd));
    if (value === '') {
      subsection = rawKey;
      result.push({ line, section, kind: 'subsection-start', key: rawKey, keyStart, keyEnd });
      continue;
    }
    if (subsection !== undefined && line.text.trimStart() === line.text) subsection = undefined;
    const key = subsection !== undefined ? `${subsection}.${rawKey}` : rawKey;
    result.push({ line, section, kind: 'entry', key, rawKey, subsection, value, keyStart, keyEnd, valueStart, valueEnd });
  }
  return result;
}

/** Splits and classifies a whole file in one go. */
export function scanIniText(text: string): IniLineInfo[] {
  return scanIniLines(splitIniLines(text));
}

/** Section name -> key -> value, the shape the SDK's `parseIni` returns. */
export type IniMap = Record<string, Record<string, string>>;

/**
 * The values the SDK's parser would produce, computed from the line scan. Kept equal to
 * the SDK's output by a property test, so the editor can check its own work synchronously.
 */
export function iniMapFromScan(infos: readonly IniLineInfo[]): IniMap {
  const map: IniMap = Object.create(null) as IniMap;
  for (const info of infos) {
    if (info.kind !== 'entry' || info.section === undefined) continue;
    const section = (map[info.section] ??= Object.create(null) as Record<string, string>);
    section[info.key] = info.value;
  }
  return map;
}
