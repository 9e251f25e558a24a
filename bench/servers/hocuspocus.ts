/**
 * @hocuspocus/server with its database extension storing to PostgreSQL (postgres.js) with the
 * default debounce (2 s, max 10 s); no throttle extension (throttling off).
 */
import { Database } from "@hocuspocus/extension-database";
import { Server } from "@hocuspocus/server";
import postgres from "postgres";
import { serveStats } from "./stats.ts";

const sql = postgres(process.env.DATABASE_URL!, { max: 4, onnotice: () => {} });
await sql`create table if not exists hocuspocus_documents (name text primary key, data bytea not null)`;

const server = new Server({
  port: Number(process.env.PORT),
  address: "127.0.0.1",
  quiet: true,
  stopOnSignals: true,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => {
        const [row] = await sql<{ data: Buffer }[]>`
          select data from hocuspocus_documents where name = ${documentName}`;
        return row ? new Uint8Array(row.data) : null;
      },
      store: async ({ documentName, state }) => {
        await sql`
          insert into hocuspocus_documents (name, data) values (${documentName}, ${Buffer.from(state)})
          on conflict (name) do update set data = excluded.data`;
      },
    }),
  ],
});
serveStats();
await server.listen();
process.stdout.write("ready\n");
