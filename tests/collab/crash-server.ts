/**
 * A stand-alone collab server for the crash test: listens on PORT, uses DATABASE_URL, prints
 * "ready" once it accepts upgrades. The test kills it with SIGKILL and starts it again.
 */
import http from "node:http";
import pino from "pino";
import { openDatabase } from "#db/client.ts";
import type { Config } from "#server/config.ts";
import { createCollabServer } from "#server/collab/index.ts";
import { editorSchema } from "#server/collab/schema.ts";
import { PostgresStorage } from "#server/docs/postgres.ts";

const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, maxConnections: 4 });
const collab = createCollabServer({
  db: handle.db,
  storage: new PostgresStorage(handle.db),
  config: { origin: process.env.ORIGIN, redisUrl: undefined } as Config,
  log: pino({ level: "warn" }, pino.destination(2)),
  options: { schema: editorSchema({ textRoots: ["body"] }) },
});
const server = http.createServer((_req, res) => res.writeHead(404).end());
server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
