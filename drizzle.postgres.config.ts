import { defineConfig } from 'drizzle-kit'

// The PostgreSQL dialect (DATABASE_URL=postgres://…): its own schema and migrations, generated with `npm run db:generate:pg`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/postgres/schema.ts',
  out: './server/db/postgres/migrations',
})
