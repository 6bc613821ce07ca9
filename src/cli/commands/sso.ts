import { signIn, type SsoPrompt } from '../../core/sso/sign-in';
import { SsoLoginError } from '../../core/sso/sso-errors';
import { exitCodes, parseOptions, UsageError, type CliCommand, type CliIo } from '../io';
import { openBrowser } from '../ui/open-browser';

const usage = `Usage: mdb-doctor sso login --profile P [--use-device-code] [--no-browser] [--force] [--json]

Signs the profile in to IAM Identity Center and writes the token to ~/.aws/sso/cache exactly
as \`aws sso login\` does, so the AWS CLI and SDKs are signed in too. A cached token good for
15 more minutes is kept (--force signs in anyway); a cached refresh token is used before asking.
sso-session profiles sign in through the browser (authorization code with PKCE and a redirect
to 127.0.0.1); legacy profiles, and --use-device-code, show a code to confirm on any device.
  --no-browser   print the URL (and code) instead of opening the browser (also BROWSER=none)
  --json         print {profile, method, startUrl, region, sessionName, expiresAt, cachePath}
Exit codes: 0 signed in, 2 not signed in (denied, expired, cancelled, misconfigured).`;

async function showPrompt(io: CliIo, prompt: SsoPrompt, noBrowser: boolean): Promise<void> {
  const browser = io.host.env.BROWSER?.trim() || undefined;
  const opened = !noBrowser && browser?.toLowerCase() !== 'none' && (await openBrowser(prompt.verificationUriComplete, io.host.platform, browser));
  const lines = opened
    ? ['Opened your browser to sign in to IAM Identity Center.', 'If it did not open, or to use another device, open:', '', `  ${prompt.verificationUri}`]
    : ['Open this page to sign in to IAM Identity Center:', '', `  ${prompt.verificationUri}`];
  if (prompt.userCode) {
    lines.push('', 'Then check that it shows this code:', '', `  ${prompt.userCode}`);
    if (prompt.verificationUriComplete !== prompt.verificationUri)
      lines.push('', 'Or open this page, which fills the code in:', '', `  ${prompt.verificationUriComplete}`);
  } else if (!opened) {
    lines.push('', 'The page sends your browser back to this machine; to sign in from another device, run again with --use-device-code.');
  }
  lines.push('', `Waiting until ${prompt.expiresAt.toISOString()} (Ctrl-C cancels)...`, '');
  io.stderr.write(lines.join('\n'));
}

/** `mdb-doctor sso login`: signs a profile in to IAM Identity Center. */
export const ssoCommand: CliCommand = {
  name: 'sso',
  usage,
  async run(argv, io) {
    const [action, ...rest] = argv;
    if (action === '--help' || action === '-h') {
      io.stdout.write(`${usage}\n`);
      return exitCodes.ok;
    }
    if (action !== 'login') throw new UsageError(action === undefined ? 'Name the action: login.' : `Unknown action "${action}"; the one action is login.`);
    const values = parseOptions(rest, {
      profile: { type: 'string' },
      'use-device-code': { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return exitCodes.ok;
    }
    const profile = values.profile ?? io.host.env.AWS_PROFILE ?? 'default';
    try {
      const result = await signIn({
        host: io.host,
        profile,
        useDeviceCode: values['use-device-code'],
        force: values.force,
        signal: io.signal,
        onPrompt: (prompt) => showPrompt(io, prompt, values['no-browser']),
      });
      if (values.json) {
        const { method, startUrl, region, sessionName, cachePath } = result;
        io.stdout.write(
          `${JSON.stringify({ profile, method, startUrl, region, sessionName, expiresAt: result.expiresAt.toISOString(), cachePath }, null, 2)}\n`,
        );
      } else {
        const how = {
          cached: 'already signed in',
          refreshed: 'session renewed with the refresh token',
          'device-code': 'signed in',
          'authorization-code': 'signed in',
        }[result.method];
        io.stdout.write(`Profile ${profile}: ${how}, until ${result.expiresAt.toISOString()}. Token cache: ${result.cachePath}\n`);
      }
      return exitCodes.ok;
    } catch (error) {
      if (!(error instanceof SsoLoginError)) throw error;
      io.stderr.write(`mdb-doctor sso login: ${error.message} [${error.code}]\n`);
      return exitCodes.error;
    }
  },
};
