// Workers have no local files: a file: DATABASE_URL cannot work there (see db/local-client.ts).
import { LibsqlError, type Client } from '@libsql/client';

export function createLocalClient(_cfg: { url: string; timeout?: number }): Client {
  throw new LibsqlError('A file: DATABASE_URL needs Node; on Workers use a libsql:// or https:// URL (Turso)', 'URL_SCHEME_NOT_SUPPORTED');
}
