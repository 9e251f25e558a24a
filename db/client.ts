import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** The one database type every query is written against: PGlite and postgres.js both satisfy it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** The handle a `db.transaction(async (tx) => …)` callback receives. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  kind: "embedded" | "server";
  /** Where the data lives, for the start-up message (a folder or a redacted URL). */
  location: string;
  /** The server database URL (server kind only). */
  url?: string;
  /** Runs `select 1` (the start-up check and /healthz; migrations hold their own connection). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent an embedded PGlite database is used. */
  databaseUrl?: string;
  /** Folder for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** Connection pool size for a server database. */
  maxConnections?: number;
  /** Embedded only: start from this data-directory tarball (tests use a migrated template). */
  loadDataDir?: Blob;
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** Creates the database client from configuration: PGlite when no URL is given, postgres.js otherwise. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const sql = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connect_timeout: 10,
    });
    const db = drizzlePostgres(sql, { schema }) as unknown as Database;
    return {
      db,
      kind: "server",
      url: options.databaseUrl,
      location: redact(options.databaseUrl),
      ping: async () => {
        await sql`select 1`;
      },
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const dataDir = options.dataDir ?? "memory://";
  let target = dataDir;
  if (!dataDir.startsWith("memory://")) {
    target = path.join(dataDir, "pglite");
    fs.mkdirSync(target, { recursive: true });
  }
  const client = await PGlite.create(target, { loadDataDir: options.loadDataDir });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: "embedded",
    location: target,
    ping: async () => {
      await client.query("select 1");
    },
    close: () => client.close(),
  };
}
