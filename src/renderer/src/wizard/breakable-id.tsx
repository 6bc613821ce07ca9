import { Fragment } from 'react';

/**
 * An identifier (request id, ARN, key id) in monospace that wraps only after its own
 * separators, never in the middle of a word, so a narrow column stays readable.
 */
export function BreakableId({ value }: { value: string }) {
  const parts = value.split(/(?<=[-/:.@_])/);
  return (
    <code style={{ wordBreak: 'normal', overflowWrap: 'normal' }}>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </code>
  );
}
