import { z } from 'zod';

/**
 * IAM policy documents as IAM hands them out: the read operations (GetUserPolicy,
 * GetPolicyVersion, ...) return them URL-encoded (RFC 3986), a document written by hand is plain
 * JSON. Only the grammar's elements that decide a request are kept (IAM User Guide,
 * reference_policies_grammar); anything else in a statement is ignored, as IAM ignores nothing
 * that matters for identity policies beyond these.
 */

const stringOrList = z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : [value]));

/** Condition values: strings, or booleans and numbers as people write them (`"Bool": {"aws:SecureTransport": false}`). */
const conditionValue = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))])
  .transform((value) => (Array.isArray(value) ? value : [value]).map(String));

const statementSchema = z
  .object({
    Sid: z.string().optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Action: stringOrList.optional(),
    NotAction: stringOrList.optional(),
    Resource: stringOrList.optional(),
    NotResource: stringOrList.optional(),
    Condition: z.record(z.string(), z.record(z.string(), conditionValue)).optional(),
  })
  .refine((statement) => (statement.Action === undefined) !== (statement.NotAction === undefined), {
    message: 'a statement needs exactly one of Action and NotAction',
  });

const documentSchema = z.object({
  Version: z.string().optional(),
  Statement: z.union([statementSchema, z.array(statementSchema)]).transform((value) => (Array.isArray(value) ? value : [value])),
});

/** One statement, with every list-or-string element as a list. */
export type PolicyStatement = z.output<typeof statementSchema>;

/** A parsed policy document: its statements in order (their index is how a statement without Sid is named). */
export type PolicyDocument = z.output<typeof documentSchema>;

/** A parsed document, or why it could not be read. */
export type ParsedDocument = { ok: true; document: PolicyDocument } | { ok: false; reason: string };

/** The JSON text of a document that may be URL-encoded: IAM's always starts with %7B ("{"). */
function decoded(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return trimmed;
  try {
    return decodeURIComponent(trimmed).trim();
  } catch {
    return null;
  }
}

/** Parses a policy document (URL-encoded or plain JSON); a bad one gives the reason, never a throw. */
export function parsePolicyDocument(text: string): ParsedDocument {
  const json = decoded(text);
  if (json === null) return { ok: false, reason: 'the document is neither JSON nor URL-encoded JSON' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, reason: `the document is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const result = documentSchema.safeParse(value);
  if (result.success) return { ok: true, document: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, reason: `the document is not an IAM policy${where}: ${issue?.message ?? 'unexpected shape'}` };
}
