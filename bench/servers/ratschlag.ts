/**
 * Ratschlag's collab server for the benchmarks: authenticated upgrades (Origin + session +
 * membership), PostgresStorage with group commit, defaults from server/collab/limits.ts except
 * `idleUnloadMs`, shortened so "memory after all clients leave" is measurable in a short run.
 */
import http from "node:http";
import pino from "pino";
import { openDatabase } from "#db/client.ts";
import type { Config } from "#server/config.ts";
import { createCollabServer } from "#server/collab/index.ts";
import { editorSchema } from "#server/collab/schema.ts";
import { serveStats } from "./stats.ts";
import { PostgresStorage } from "#server/docs/postgres.ts";

const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
const collab = createCollabServer({
  db: handle.db,
  storage: new PostgresStorage(handle.db),
  config: { origin: process.env.ORIGIN, redisUrl: undefined } as Config,
  log: pino({ level: "warn" }, pino.destination(2)),
  // The benchmark clients type into a plain Y.Text "body"; updates are still schema-checked.
  options: {
    idleUnloadMs: Number(process.env.IDLE_UNLOAD_MS ?? 2000),
    schema: editorSchema({ textRoots: ["body"] }),
  },
});
const server = http.createServer((_req, res) => res.writeHead(404).end());
server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
serveStats();
process.on("SIGTERM", () => {
  void collab.close().then(() => process.exit(0));
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
