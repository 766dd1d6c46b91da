import { defineConfig } from 'drizzle-kit';

// drizzle-kit cannot open an encrypted database: it only generates SQL from the
// schema; the app applies the migrations in code (electron/core/store/migrate.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './drizzle/schema.ts',
  out: './drizzle/migrations',
});
