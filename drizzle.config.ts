// drizzle-kit: migrations are generated from db/schema and committed in db/migrations.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'turso',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  dbCredentials: {
    url: process.env.DATABASE_URL ?? 'file:./data/loa.db',
    authToken: process.env.DATABASE_AUTH_TOKEN,
  },
});
