import { openDatabase } from "#db/client.ts";
import { runMigrations } from "#db/migrate.ts";
import { loadConfig } from "#server/config.ts";

/** `npm run db:migrate`: applies pending migrations to the configured database. */
const config = loadConfig();
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await runMigrations(handle);
  console.log(`Migrations applied to ${handle.location}`);
} finally {
  await handle.close();
}
