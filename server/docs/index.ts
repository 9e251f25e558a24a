import type { Database } from "#db/client.ts";
import { PostgresStorage } from "./postgres.ts";
import { SeedingStorage } from "./seeding.ts";
import type { DocStorage } from "./storage.ts";

/**
 * The documents of a running server: snapshot + update log in the database, and a section's
 * starter text given to its document the first time it is loaded. Built once (services.docs);
 * the collaboration server and the page views both read through it.
 */
export function createDocStorage(db: Database): DocStorage {
  return new SeedingStorage(new PostgresStorage(db), db);
}
