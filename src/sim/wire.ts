/**
 * Wire formats: how each protocol writes results and errors. Query (STS, IAM) answers XML in
 * `<Op>Response><Op>Result>` with `<ErrorResponse><Error><Type/><Code/><Message/></Error>` errors;
 * awsJson1.1 (MemoryDB) and rest-json (Account) answer JSON with the error type in `__type` and
 * the `x-amzn-ErrorType` header — the places the SDK's AwsQueryProtocol.loadQueryErrorCode and
 * loadJsonRpcErrorCode / loadRestJsonErrorCode read (@aws-sdk/core protocols, @smithy/core protocols).
 */

/** An error the simulator answers with, in one protocol-neutral form. */
export class SimError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fault: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
    /** For JSON protocols: the namespace AWS prefixes modeled errors with in `__type`. */
    readonly jsonNamespace?: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** A value the XML writer knows how to print. */
export type XmlValue = string | number | boolean | Date | null | undefined | XmlValue[] | { [key: string]: XmlValue };

/** The complete response the HTTP layer sends. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Query-protocol timestamps: ISO 8601 with milliseconds dropped, as STS and IAM print them. */
const xmlDate = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function writeXml(name: string, value: XmlValue, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    out.push(`<${name}>`);
    for (const item of value) writeXml('member', item, out);
    out.push(`</${name}>`);
    return;
  }
  if (value instanceof Date) {
    out.push(`<${name}>${xmlDate(value)}</${name}>`);
    return;
  }
  if (typeof value === 'object') {
    out.push(`<${name}>`);
    for (const [key, child] of Object.entries(value)) writeXml(key, child, out);
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
}

/** A query-protocol success body for `operation`. */
export function queryResult(namespace: string, operation: string, result: Record<string, XmlValue> | null, requestId: string): string {
  const out: string[] = [`<${operation}Response xmlns="${namespace}">`];
  if (result) writeXml(`${operation}Result`, result, out);
  out.push(`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`);
  return out.join('\n');
}

/** A query-protocol error body. */
export function queryError(namespace: string, error: SimError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${namespace}">\n  <Error>\n    <Type>${error.fault}</Type>\n    <Code>${escapeXml(error.code)}</Code>\n` +
    `    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`
  );
}

/** How an awsJson error names its type; AWS front ends use all three (docs/aws-behaviour.md §7). */
export type JsonErrorStyle = 'namespaced' | 'bare' | 'header-only';

/**
 * A JSON error body. Errors raised by AWS's front door (authentication, throttling) carry
 * Coral's namespace, e.g. `com.amazon.coral.service#InvalidSignatureException` as the DynamoDB
 * developer guide's error-handling page shows; modeled service faults carry the service's own
 * (`com.amazonaws.memorydb#ClusterNotFoundFault`). Some front ends send the bare name
 * (aws/aws-sdk-php#2444), some only the `x-amzn-ErrorType` header in its colon form
 * `Name:http://internal.amazon.com/coral/<namespace>/` with a body holding just the message.
 * The SDK keeps what lies between any `#` and any `:` (@smithy/core loadJsonRpcErrorCode).
 */
export function jsonError(error: SimError, style: JsonErrorStyle = 'namespaced'): { body: string; errorTypeHeader: string } {
  const namespace = error.jsonNamespace ?? 'com.amazon.coral.service';
  const errorTypeHeader = `${error.code}:http://internal.amazon.com/coral/${namespace}/`;
  if (style === 'header-only') return { body: JSON.stringify({ message: error.message }), errorTypeHeader };
  const type = style === 'bare' ? error.code : `${namespace}#${error.code}`;
  return { body: JSON.stringify({ __type: type, message: error.message }), errorTypeHeader };
}

/** The XML error body a non-AWS S3/Query-style endpoint sends, used by the `nonAws` knob. */
export function foreignXmlError(error: SimError, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message><RequestId>${requestId}</RequestId></Error>\n`;
}

/** The HTML page a generic web server answers for a path it has no handler for. */
export function foreignHtmlPage(status: number, title: string): string {
  return `<!DOCTYPE html>\n<html><head><title>${status} ${escapeXml(title)}</title></head><body><h1>${escapeXml(title)}</h1><p>The server encountered an internal error and was unable to complete your request.</p></body></html>\n`;
}
