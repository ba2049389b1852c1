// Workers: no local files, so no engine statements to cache (see libsql-statement-cache.ts).
export function installStatementCache(): void {}
