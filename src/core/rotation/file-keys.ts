import { parseIniWithSdk } from '../aws-files/sdk-ini';
import { readAwsFile, type AwsFileSnapshot } from '../aws-files/read-aws-file';

/** The static key one credentials-file section holds, as the SDK reads it. */
export interface SectionKey {
  section: string;
  keyId: string;
  secret: string | null;
  hasSessionToken: boolean;
}

/** A snapshot of the credentials file with every section that holds an access key id. */
export interface CredentialsFileView {
  snapshot: AwsFileSnapshot;
  sections: SectionKey[];
}

/** Reads the credentials file and, with the SDK's own parser, every section's key. */
export async function readCredentialsFile(path: string): Promise<CredentialsFileView> {
  const snapshot = await readAwsFile(path);
  const parsed = snapshot.exists ? await parseIniWithSdk(snapshot.text) : {};
  const sections: SectionKey[] = [];
  for (const [section, values] of Object.entries(parsed)) {
    const keyId = values?.aws_access_key_id;
    if (!keyId) continue;
    sections.push({
      section,
      keyId,
      secret: values.aws_secret_access_key ?? null,
      hasSessionToken: Boolean(values.aws_session_token),
    });
  }
  return { snapshot, sections };
}

/** The key a section holds in a file view, or null when the section has none. */
export function keyOfSection(view: CredentialsFileView, section: string): SectionKey | null {
  return view.sections.find((entry) => entry.section === section) ?? null;
}

/** The key a backup file held for a section: where recovery finds the old secret again. */
export async function keyInBackup(backupPath: string, section: string): Promise<SectionKey | null> {
  return keyOfSection(await readCredentialsFile(backupPath), section);
}
