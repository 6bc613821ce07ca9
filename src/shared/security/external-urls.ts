/** Hosts the app may open in the system browser: AWS consoles and documentation only. */
const externalHosts = [
  /^([a-z0-9-]+\.)*console\.aws\.amazon\.com$/,
  /^docs\.aws\.amazon\.com$/,
  /^([a-z0-9-]+\.)*console\.amazonaws\.cn$/,
  /^docs\.amazonaws\.cn$/,
];

/** Whether `url` may be handed to the system browser (Electron security checklist item 15). */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && externalHosts.some((host) => host.test(parsed.hostname));
  } catch {
    return false;
  }
}
