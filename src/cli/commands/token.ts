import { issueAuthToken, ClusterAccessError } from '../../core/cluster-access/token-service';
import { clusterTokenRequestSchema } from '../../shared/model/cluster';
import { exitCodes, parseOptions, UsageError, type CliCommand } from '../io';

const usage = `Usage: mdb-doctor token --cluster NAME --user U [--profile P] [--region R] [--json]

Prints a MemoryDB IAM auth token for the cluster and user, signed with the profile's
credentials: a SigV4-presigned "connect" request, valid 15 minutes. Send it as the password:
  AUTH U <token>     (e.g. valkey-cli --tls --user U --pass "$(mdb-doctor token ...)")
The user must use IAM authentication (engine 7.0+), and the caller needs memorydb:Connect on
both the cluster and the user. The token is a credential: it goes to stdout only.
  --json   print {token, cluster, user, region, signedWith, issuedAt, expiresAt, clockOffsetMs, clockCorrected}
Exit codes: 0 token printed, 2 could not make one.`;

/** `mdb-doctor token`: prints a MemoryDB IAM auth token. */
export const tokenCommand: CliCommand = {
  name: 'token',
  usage,
  async run(argv, io) {
    const values = parseOptions(argv, {
      profile: { type: 'string' },
      cluster: { type: 'string' },
      user: { type: 'string' },
      region: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      io.stdout.write(`${usage}\n`);
      return exitCodes.ok;
    }
    if (!values.cluster || !values.user) throw new UsageError('--cluster and --user are required.');
    const parsed = clusterTokenRequestSchema.safeParse({ profile: values.profile, cluster: values.cluster, user: values.user, region: values.region });
    if (!parsed.success) {
      throw new UsageError(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '));
    }
    try {
      const issued = await issueAuthToken(io.host, parsed.data, io.signal);
      if (values.json) {
        const { cluster, user } = parsed.data;
        const output = {
          token: issued.token,
          cluster,
          user,
          region: issued.region,
          signedWith: issued.maskedKeyId,
          issuedAt: issued.issuedAt.toISOString(),
          expiresAt: issued.expiresAt.toISOString(),
          clockOffsetMs: issued.clock.offsetMs,
          clockCorrected: issued.clock.corrected,
        };
        io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      } else {
        io.stdout.write(`${issued.token}\n`);
        io.stderr.write(`Signed with ${issued.maskedKeyId} for ${parsed.data.cluster} in ${issued.region}; valid until ${issued.expiresAt.toISOString()}.\n`);
        if (issued.clock.corrected || issued.clock.offsetMs === null) io.stderr.write(`${issued.clock.note}\n`);
      }
      return exitCodes.ok;
    } catch (error) {
      if (!(error instanceof ClusterAccessError)) throw error;
      io.stderr.write(`mdb-doctor token: ${error.message}\n`);
      return exitCodes.error;
    }
  },
};
