import type { EngineCheck, EngineContext } from '../types.js';
import { checkGoogleCredentials } from './credentials.js';

/** Where the credentials would come from, found without calling Google. */
export async function checkGoogle(context: EngineContext, { required }: { required: boolean }): Promise<EngineCheck> {
  const result = await checkGoogleCredentials(context);
  const status = result.ok ? 'ok' : required ? 'fail' : 'warn';
  const where = result.file ? ` (${result.source}: ${result.file}${result.account ? `, ${result.account}` : ''})` : '';
  return { status, detail: `${result.ok ? 'credentials found' : 'not ready'}${where}: ${result.message}` };
}
