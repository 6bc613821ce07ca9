import { hostname, networkInterfaces } from 'node:os';
import { exitCodes, parseOptions, UsageError, type CliCommand } from '../io';
import { openBrowser } from '../ui/open-browser';
import { locatePageFolder } from '../ui/page-files';
import { loopbackNames } from '../ui/request-guard';
import { interruptibleLineReader, terminalConfirmation } from '../ui/terminal-confirmation';
import { startWizardServer } from '../ui/wizard-server';
import type { LineReader } from '../line-reader';

const usage = [
  'Usage: mdb-doctor ui [--port P] [--no-open] [--host ADDRESS --i-know-this-exposes-credentials]',
  '',
  'Serves the wizard to a browser on 127.0.0.1 (for servers and SSH sessions: forward the port with',
  '`ssh -L 7777:127.0.0.1:7777 host`, run `mdb-doctor ui --port 7777 --no-open` there, open the printed link here).',
  '',
  '  --port P     port to listen on (default: any free port)',
  '  --no-open    print the link and wait, without opening a browser (also when BROWSER=none)',
  '  --host A     listen on another address: anyone who reaches it and gets the link can use your AWS',
  '               credentials, so it also needs --i-know-this-exposes-credentials',
].join('\n');

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new UsageError(`--port must be a number from 0 to 65535, not "${text}".`);
  return port;
}

function isLoopback(address: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(address) || address === '::1' || address === 'localhost';
}

/** The names a browser may use in the Host header for an address the user chose to expose. */
function hostNamesFor(address: string): string[] {
  if (address !== '0.0.0.0' && address !== '::') return [address.includes(':') ? `[${address}]` : address];
  const interfaceAddresses = Object.values(networkInterfaces())
    .flat()
    .flatMap((entry) => (entry ? [entry.family === 'IPv6' ? `[${entry.address}]` : entry.address] : []));
  return [hostname(), ...interfaceAddresses];
}

/** `mdb-doctor ui`, reading confirmations with `readLine` (the terminal; tests pass their own). */
export function createUiCommand(readLine: LineReader = interruptibleLineReader): CliCommand {
  return {
    name: 'ui',
    usage,
    async run(argv, io) {
      const options = parseOptions(argv, {
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        host: { type: 'string' },
        'i-know-this-exposes-credentials': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      });
      if (options.help) {
        io.stdout.write(`${usage}\n`);
        return exitCodes.ok;
      }
      const port = parsePort(options.port);
      let address = '127.0.0.1';
      if (options.host !== undefined && options.host !== '' && !isLoopback(options.host)) {
        if (!options['i-know-this-exposes-credentials']) {
          throw new UsageError(
            `Refusing to listen on ${options.host}: anyone who can reach it could use the AWS credentials of this machine. ` +
              'Prefer an SSH tunnel; to do it anyway, add --i-know-this-exposes-credentials.',
          );
        }
        address = options.host;
        io.stderr.write(
          `WARNING: listening on ${address}, not just this machine. Anyone who can reach it and obtains the link can act with your AWS credentials. The link is plain HTTP: use this only on a network you trust.\n`,
        );
      }
      const pageFolder = locatePageFolder(io.host.env);
      const { server, stop } = await startWizardServer({
        host: io.host,
        confirm: terminalConfirmation(io.stderr, readLine),
        // Printed where the person just agreed to it, on its own line to copy; the page never gets it.
        printSecret: (label, text) => io.stderr.write(`${label}:\n${text}\n`),
        pageFolder,
        address,
        port,
        extraHostNames: address === '127.0.0.1' ? [] : hostNamesFor(address).filter((name) => !loopbackNames.includes(name)),
      }).catch((error: unknown) => {
        const code = (error as { code?: string }).code;
        if (code === 'EADDRINUSE') throw new Error(`port ${port} is in use; pick another with --port, or leave it out for any free port.`);
        throw error;
      });

      io.stdout.write(`The wizard is served at ${server.origin}. Open this link (it works once, and only this link signs you in):\n`);
      io.stdout.write(`    ${server.launchUrl}\n`);
      io.stdout.write(
        'Rotating or deleting a key, copying an IAM auth token (printed here) and using another profile to look a refused key up are confirmed here, in this terminal, not on the page.\n',
      );
      const browser = io.host.env.BROWSER;
      if (options['no-open'] || browser === 'none') {
        io.stdout.write('Waiting; press Ctrl-C to stop.\n');
      } else {
        const opened = await openBrowser(server.launchUrl, io.host.platform, browser);
        io.stdout.write(opened ? 'Opened your browser; press Ctrl-C to stop.\n' : 'Could not open a browser: open the link above. Press Ctrl-C to stop.\n');
      }

      await io.stopSignal;
      io.stdout.write('Stopping…\n');
      await stop();
      io.stdout.write('Stopped.\n');
      return exitCodes.ok;
    },
  };
}

/** `mdb-doctor ui`: the wizard served to a browser, until Ctrl-C. */
export const uiCommand = createUiCommand();
