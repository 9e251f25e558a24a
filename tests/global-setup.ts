import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";

/**
 * Creates one migrated PGlite data directory per test run and shares its tarball with the test
 * files (TEST_PGLITE_TEMPLATE), so each file starts its own database from it in about a second
 * instead of running initdb and every migration again.
 */
export default async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ratschlag-test-"));
  const client = await PGlite.create();
  await migrate(drizzle(client), { migrationsFolder: path.resolve("db/migrations") });
  const dump = await client.dumpDataDir("none");
  await client.close();
  const file = path.join(dir, "template.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.TEST_PGLITE_TEMPLATE = file;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
