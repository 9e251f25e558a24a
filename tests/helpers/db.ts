import fs from "node:fs";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "#db/client.ts";
import { runMigrations } from "#db/migrate.ts";

/**
 * A fresh, migrated database for one test file: a database of its own on the PostgreSQL server
 * named by TEST_DATABASE_URL (dropped again by close()), or else an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const template = process.env.TEST_PGLITE_TEMPLATE;
    if (template && fs.existsSync(template)) {
      return openDatabase({ loadDataDir: new Blob([fs.readFileSync(template)]) });
    }
    const handle = await openDatabase({});
    await runMigrations(handle);
    return handle;
  }
  const name = `ratschlag_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 5 });
  await runMigrations(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
