/**
 * The AWS SDK warns once per process that its releases after the first week of January 2027
 * need Node 22. Test files import the S3 client to look into the bucket, so the test process
 * itself would print that notice into every CI log. It is dropped here, in the test process
 * only: the CLI runs as a subprocess with its environment untouched, and tests/publish.test.ts
 * checks that the CLI keeps the notice off stderr by itself.
 */
const emitWarning = process.emitWarning.bind(process) as (warning: string | Error, ...rest: unknown[]) => void;

process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.message;
  if (text.startsWith('NodeVersionSupportWarning')) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;
