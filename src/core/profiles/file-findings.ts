import type { IniLineInfo } from '../aws-files/ini-lines';
import type { FindingId } from './catalogue';
import { intendedKey, invisibleChars, knownProfileKeys, knownSsoSessionKeys, scalarKeys, tokenKeys } from './known-keys';
import { secretKeys } from './mask';
import { lineLocation, makeFinding, type AwsFileState, type CatalogueFinding } from './types';

type Entry = Extract<IniLineInfo, { kind: 'entry' }>;
type Header = Extract<IniLineInfo, { kind: 'header' }>;

/** The profile a canonical section name stands for in this file, or null for other sections. */
export function profileOfSection(file: AwsFileState, section: string): string | null {
  if (section.startsWith('sso-session.') || section.startsWith('services.')) return null;
  if (file.kind === 'config') {
    if (section === 'default') return 'default';
    return section.startsWith('profile.') ? section.slice('profile.'.length) : null;
  }
  return section;
}

/** The literal header text last used for a canonical section (what a fix must target). */
export function headerTextOf(file: AwsFileState, section: string): string | null {
  let headers = lastHeaders.get(file.lines);
  if (!headers) {
    headers = new Map();
    for (const info of file.lines) if (info.kind === 'header' && info.section !== undefined) headers.set(info.section, info.headerText);
    lastHeaders.set(file.lines, headers);
  }
  return headers.get(section) ?? null;
}

/** Per scan: canonical section -> its last header text, so lookups stay O(1) on 10,000-profile files. */
const lastHeaders = new WeakMap<readonly IniLineInfo[], Map<string, string>>();

const allInvisibleChars = new RegExp(invisibleChars.source, 'g');

/** Removes what no one means to keep: wrapping quotes, invisible characters, and (for tokens) all whitespace. */
export function cleanValue(key: string, value: string): string {
  let cleaned = value.replace(allInvisibleChars, '').trim();
  const quoted = /^(["'])(.*)\1$/.exec(cleaned);
  if (quoted) cleaned = quoted[2]!.trim();
  if (tokenKeys.has(key)) cleaned = cleaned.replace(/\s+/g, '');
  return cleaned;
}

function fileLevelFindings(file: AwsFileState, platform: NodeJS.Platform, bytes: Buffer | null): CatalogueFinding[] {
  const findings: CatalogueFinding[] = [];
  const at = (line: number | null) => lineLocation(file, line);
  const name = file.kind === 'credentials' ? 'credentials file' : 'config file';
  if (file.error) {
    const id: FindingId = file.error.code === 'not-a-file' ? 'file.not-a-file' : file.error.code === 'too-large' ? 'file.too-large' : 'file.unreadable';
    const hints: Record<typeof id, string> = {
      'file.not-a-file': `Remove or rename the folder at ${file.path}, or point ${file.kind === 'credentials' ? 'AWS_SHARED_CREDENTIALS_FILE' : 'AWS_CONFIG_FILE'} at a real file.`,
      'file.too-large': `Check that ${file.path} is really your AWS ${name}; restore it from a backup if it was overwritten.`,
      'file.unreadable': `Make ${file.path} readable by your user (e.g. chmod 600 and check its owner).`,
    };
    findings.push(makeFinding(id, { message: file.error.message, location: at(null), fixHint: hints[id] }));
    return findings;
  }
  const snapshot = file.snapshot;
  if (!snapshot || !snapshot.exists) {
    findings.push(
      makeFinding('file.missing', {
        message: `There is no ${name} at ${file.path}.`,
        location: at(null),
        fixHint:
          file.kind === 'credentials'
            ? 'Run `aws configure` to create it, or keep credentials elsewhere (SSO, roles).'
            : 'Run `aws configure` to create it if you need regions or roles.',
      }),
    );
    return findings;
  }
  const text = snapshot.text;
  if (text.trim() === '' || text === '\uFEFF') {
    findings.push(
      makeFinding('file.empty', {
        message: `The ${name} ${file.path} is empty.`,
        location: at(null),
        fixHint: 'Nothing is read from it; add profiles or delete it.',
      }),
    );
  }
  if (text.includes('\u0000')) {
    const line = file.lines.find((info) => info.line.text.includes('\u0000'))?.line.number ?? 1;
    findings.push(
      makeFinding('file.binary', {
        message: `The ${name} ${file.path} contains binary data (NUL bytes from line ${line}); it is not a text INI file.`,
        location: at(line),
        fixHint: 'Restore the file from a backup or recreate it with `aws configure`; the app will not edit it.',
      }),
    );
    return findings;
  }
  if (bytes !== null && !isValidUtf8(bytes)) {
    const line = file.lines.find((info) => info.line.text.includes('\uFFFD'))?.line.number ?? null;
    findings.push(
      makeFinding('file.not-utf8', {
        message: `The ${name} has bytes that are not UTF-8${line ? ` (first on line ${line})` : ''}; the SDK reads them as "\uFFFD".`,
        location: at(line),
        fixHint: 'Save the file as UTF-8 (or plain ASCII) in your editor; the app will not edit a file it cannot round-trip.',
      }),
    );
  }
  if (text.startsWith('\uFEFF')) {
    findings.push(
      makeFinding('file.bom', {
        message: `The ${name} starts with a UTF-8 byte-order mark. The JavaScript SDK ignores it, but the AWS CLI and boto3 (botocore) stop with "Unable to parse config file".`,
        location: at(1),
        fixHint: 'Save the file as "UTF-8" without BOM (in Notepad: "UTF-8", not "UTF-8 with BOM").',
      }),
    );
  }
  const loneCr = (text.match(/\r(?!\n)/g) ?? []).length;
  if (loneCr > 0 && loneCr >= (text.match(/\n/g) ?? []).length) {
    findings.push(
      makeFinding('file.cr-line-endings', {
        message: `The ${name} separates lines with bare carriage returns; the SDK splits only on LF or CRLF, so it reads the whole file as one line and finds nothing.`,
        location: at(1),
        fixHint: 'Convert the line endings to LF (or CRLF) in your editor, e.g. `dos2unix -c mac` on the file.',
      }),
    );
  }
  const holdsSecrets = file.kind === 'credentials' || file.lines.some((info) => info.kind === 'entry' && secretKeys.has(info.key));
  if (platform !== 'win32' && snapshot.mode !== null && (snapshot.mode & 0o077) !== 0 && holdsSecrets) {
    findings.push(
      makeFinding('file.permissions', {
        message: `The ${name} holds secrets and its mode is ${snapshot.mode.toString(8).padStart(3, '0')}, so other users on this machine can read it.`,
        location: at(null),
        fixHint: `Run: chmod 600 ${file.path}`,
        fix: { kind: 'owner-only', file: file.kind },
      }),
    );
  }
  const poisoned = file.lines.find((info) => info.kind === 'header' && (info.headerText === '__proto__' || info.headerText === 'profile __proto__'));
  if (poisoned) {
    findings.push(
      makeFinding('file.parse-failed', {
        message: `The SDK refuses the section name "${(poisoned as Header).headerText}" and then ignores the entire ${name}: no profile in it loads.`,
        location: at(poisoned.line.number),
        fixHint: 'Rename or delete that section.',
      }),
    );
  }
  return findings;
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function headerFindings(file: AwsFileState, headers: Header[]): CatalogueFinding[] {
  const findings: CatalogueFinding[] = [];
  const seen = new Map<string, Header>();
  for (const header of headers) {
    const at = lineLocation(file, header.line.number);
    const text = header.headerText;
    const section = header.section;
    if (section === undefined) {
      findings.push(
        makeFinding('ini.bad-section-header', {
          message: `The SDK drops section [${text}]: "${text.split(/\s/)[0]}" is not a section type it knows (profile, sso-session, services), so every line under it is ignored.`,
          location: at,
          fixHint:
            file.kind === 'config'
              ? `Write it as [profile ${text.split(/\s+/).at(-1)}] (one space, no quotes needed).`
              : `Write it as [${text.split(/\s+/).at(-1)}].`,
        }),
      );
      continue;
    }
    if (section in Object.prototype) {
      // parseIni stores sections in a plain object, so these names hit the inherited member:
      // the section never appears and its keys land on a built-in (checked with SDK v3).
      findings.push(
        makeFinding('ini.bad-section-header', {
          message: `The SDK cannot hold a section named [${text}]: "${section}" is a built-in JavaScript name, so the section is silently lost.`,
          location: at,
          fixHint: `Rename the section (e.g. [${section}-profile]).`,
        }),
      );
      continue;
    }
    const unprefixedWithSpace = !section.includes('.') && /\s/.test(text);
    const looksLikePrefixed = /^\s*(profile|sso-session|services)\s/.test(text);
    if (unprefixedWithSpace && (file.kind === 'config' || looksLikePrefixed || text !== text.trim() || /\s{2,}/.test(text))) {
      const words = text.trim().split(/\s+/);
      findings.push(
        makeFinding('ini.bad-section-header', {
          message:
            file.kind === 'config'
              ? `The SDK cannot read section [${text}]: it expects exactly "profile NAME" with one space and a name without spaces, so the section is ignored.`
              : `The SDK files section [${text}] under the name "${text}" (spaces included), which no one types as a profile name.`,
          location: at,
          fixHint: looksLikePrefixed ? `Write it as [${words[0]} ${words.slice(1).join('-')}].` : `Write it as [${words.join('-')}].`,
        }),
      );
    }
    if (file.kind === 'credentials' && section.startsWith('profile.')) {
      const name = section.slice('profile.'.length);
      findings.push(
        makeFinding('profile.prefix-in-credentials', {
          message: `[${text}] in the credentials file is read as a profile named "profile.${name}", not "${name}"; the credentials file takes bare names.`,
          location: at,
          fixHint: `Rename the header to [${name}].`,
          profile: section,
        }),
      );
    }
    if (file.kind === 'config' && !section.includes('.') && section !== 'default' && !unprefixedWithSpace) {
      findings.push(
        makeFinding('profile.prefix-missing-in-config', {
          message: `[${text}] in the config file is ignored by the SDK: profiles there need the "profile " prefix (only [default] goes without).`,
          location: at,
          fixHint: `Rename the header to [profile ${text}].`,
          profile: text,
        }),
      );
    }
    const previous = seen.get(section);
    if (previous) {
      findings.push(
        makeFinding('ini.duplicate-section', {
          message: `[${text}] appears again (first on line ${previous.line.number}); the SDK merges both and values here win.`,
          location: at,
          fixHint: 'Merge the two sections into one so the effective values are obvious.',
          profile: profileOfSection(file, section),
        }),
      );
    } else {
      seen.set(section, header);
    }
  }
  if (file.kind === 'config' && seen.has('default') && seen.has('profile.default')) {
    const both = seen.get('default')!;
    findings.push(
      makeFinding('profile.default-both-forms', {
        message: `The config file has both [default] (line ${both.line.number}) and [profile default] (line ${seen.get('profile.default')!.line.number}); the SDK uses [profile default] and ignores every value in [default].`,
        location: lineLocation(file, both.line.number),
        fixHint: 'Keep one of the two sections; move any value you need into it.',
        profile: 'default',
      }),
    );
  }
  return findings;
}

function entryFindings(file: AwsFileState, entries: Entry[]): CatalogueFinding[] {
  const findings: CatalogueFinding[] = [];
  const lastBySectionKey = new Map<string, Entry>();
  for (const entry of entries) lastBySectionKey.set(`${entry.section}\u0000${entry.key}`, entry);
  const keysBySection = new Map<string, Set<string>>();
  for (const entry of entries) {
    if (!keysBySection.has(entry.section!)) keysBySection.set(entry.section!, new Set());
    keysBySection.get(entry.section!)!.add(entry.key);
  }
  for (const entry of entries) {
    const section = entry.section!;
    const at = lineLocation(file, entry.line.number);
    const profile = profileOfSection(file, section);
    const header = headerTextOf(file, section) ?? section;
    const winner = lastBySectionKey.get(`${section}\u0000${entry.key}`)!;
    // Only known, non-secret settings are quoted back; an unknown key may hold anything.
    const shown = knownProfileKeys.has(entry.key) && !secretKeys.has(entry.key) && entry.key !== 'aws_access_key_id' ? ` (${JSON.stringify(entry.value)})` : '';
    if (winner !== entry) {
      findings.push(
        makeFinding('ini.duplicate-key', {
          message: `${entry.key} is set again on line ${winner.line.number}; the SDK ignores this one${shown}.`,
          location: at,
          fixHint: `Delete the line you do not want; line ${winner.line.number} is the one in effect.`,
          profile,
        }),
      );
    }
    if (entry.subsection !== undefined || section.startsWith('services.')) continue;
    if (section.startsWith('sso-session.')) {
      if (!knownSsoSessionKeys.has(entry.key)) {
        findings.push(
          makeFinding('ini.unknown-key', {
            message: `No AWS tool reads "${entry.key}" in an sso-session section.`,
            location: at,
            fixHint: 'Check the spelling against sso_start_url, sso_region, sso_registration_scopes.',
          }),
        );
      }
    } else {
      const meant = intendedKey(entry.key);
      if (meant !== null) {
        const taken = keysBySection.get(section)!.has(meant);
        findings.push(
          makeFinding('ini.key-typo', {
            message: `"${entry.key}" is not a key the SDK reads; it looks like "${meant}"${taken ? `, which is also set in this section` : ', so the SDK acts as if it were missing'}.`,
            location: at,
            fixHint: taken ? `Delete the "${entry.key}" line.` : `Rename the key to ${meant}.`,
            fix: taken
              ? { kind: 'remove-key', file: file.kind, section: header, key: entry.key }
              : { kind: 'rename-key', file: file.kind, section: header, key: entry.key, newKey: meant },
            profile,
          }),
        );
      } else if (!knownProfileKeys.has(entry.key)) {
        findings.push(
          makeFinding('ini.unknown-key', {
            message: `No AWS SDK or CLI reads "${entry.key}"; it has no effect.`,
            location: at,
            fixHint: 'Remove it, or check the spelling against the AWS shared config settings reference.',
            profile,
          }),
        );
      }
    }
    findings.push(...valueFindings(file, entry, header, profile));
  }
  return findings;
}

function valueFindings(file: AwsFileState, entry: Entry, header: string, profile: string | null): CatalogueFinding[] {
  const findings: CatalogueFinding[] = [];
  const at = lineLocation(file, entry.line.number);
  const key = entry.key;
  const value = entry.value;
  // Most values are clean: test cheaply first, build the fix only for a dirty one.
  if (!/["'\s]|[^\x21-\x7e]/.test(value)) return findings;
  const cleaned = cleanValue(key, value);
  const canClean = cleaned !== value && cleaned !== '';
  const fix = { kind: 'clean-value', file: file.kind, section: header, key } as const;
  if (/^(["']).*\1$/.test(value) && value.length >= 2 && key !== 'credential_process') {
    findings.push(
      makeFinding('value.quoted', {
        message: `The value of ${key} is wrapped in quotes; the SDK does not strip them, so the quotes become part of it.`,
        location: at,
        fixHint: 'Remove the quotes.',
        fix: canClean ? fix : null,
        profile,
      }),
    );
  }
  if (invisibleChars.test(value)) {
    findings.push(
      makeFinding('value.invisible-char', {
        message: `The value of ${key} contains an invisible character (a carriage return, zero-width space or control character), usually from copy and paste.`,
        location: at,
        fixHint: 'Retype the value, or let the app remove the invisible characters.',
        fix: canClean ? fix : null,
        profile,
      }),
    );
  }
  if (tokenKeys.has(key)) {
    const bare = value.replace(/^(["'])(.*)\1$/, '$2');
    if (/\s/.test(bare)) {
      findings.push(
        makeFinding('value.inner-whitespace', {
          message: `The value of ${key} has whitespace inside it; AWS will not recognise it.`,
          location: at,
          fixHint: 'Remove the spaces (often a line break pasted into the middle of a key).',
          fix: canClean ? fix : null,
          profile,
        }),
      );
    }
    const foreign = [...bare].find((char) => char.charCodeAt(0) > 0x7f && !invisibleChars.test(char) && !/\s/.test(char));
    if (foreign !== undefined) {
      findings.push(
        makeFinding('value.non-ascii', {
          message: `The value of ${key} contains "${foreign}" (U+${foreign.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}), a non-ASCII character that looks like a plain one.`,
          location: at,
          fixHint: 'Copy the value again from the AWS console or retype it in plain ASCII.',
          profile,
        }),
      );
    }
  }
  return findings;
}

function lineFindings(file: AwsFileState): CatalogueFinding[] {
  const findings: CatalogueFinding[] = [];
  for (const info of file.lines) {
    const at = lineLocation(file, info.line.number);
    if (info.kind === 'other') {
      const why =
        info.ignoredBecause === 'outside-section'
          ? 'it comes before any [section] header'
          : info.ignoredBecause === 'empty-key'
            ? 'it has no key before "="'
            : 'it has no "=" (a value continued on a new line, or a stray word)';
      findings.push(
        makeFinding('ini.line-ignored', {
          message: `The SDK ignores line ${info.line.number} because ${why}.`,
          location: at,
          fixHint: 'Join it to the line it belongs to, turn it into a comment with #, or delete it.',
          profile: info.section === undefined ? null : profileOfSection(file, info.section),
        }),
      );
    }
    if (info.kind === 'subsection-start' && scalarKeys.has(info.key) && info.section !== undefined && !info.section.startsWith('services.')) {
      findings.push(
        makeFinding('ini.empty-value', {
          message: `${info.key} has no value; the SDK treats "${info.key} =" as the start of a nested block, so the setting is missing.`,
          location: at,
          fixHint: `Give ${info.key} a value or delete the line.`,
          profile: profileOfSection(file, info.section),
        }),
      );
    }
  }
  return findings;
}

/**
 * Everything a single file says about itself, with no knowledge of the other file or the
 * environment: readability, encoding, layout, headers, keys and value hygiene.
 */
export function scanFileFindings(file: AwsFileState, platform: NodeJS.Platform, bytes: Buffer | null): CatalogueFinding[] {
  const findings = fileLevelFindings(file, platform, bytes);
  if (file.error || !file.snapshot?.exists || findings.some((finding) => finding.id === 'file.binary')) return findings;
  const headers = file.lines.filter((info): info is Header => info.kind === 'header');
  const entries = file.lines.filter((info): info is Entry => info.kind === 'entry' && info.section !== undefined);
  return [...findings, ...headerFindings(file, headers), ...entryFindings(file, entries), ...lineFindings(file)];
}
