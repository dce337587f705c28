// Prisma CLI configuration. Prisma's native engines cannot be downloaded on our machines,
// so the CLI runs its JavaScript schema engine over an in-memory PGlite: enough for
// `prisma generate` and `prisma migrate diff` (the way we write migration SQL). The app
// applies migrations itself at start-up (src/db/migrate.ts), on both engines.
import { PGlite } from '@electric-sql/pglite';
import { defineConfig } from 'prisma/config';
import { pgliteAdapter } from './src/db/pglite-adapter.js';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  async adapter() {
    return pgliteAdapter(new PGlite());
  },
});
