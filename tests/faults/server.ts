/**
 * A stand-alone collab node for the fault-injection suite (like tests/collab/crash-server.ts):
 * listens on PORT, stores to DATABASE_URL, fans out through REDIS_URL when set, logs JSON lines
 * to stderr and prints "ready" once it accepts upgrades. SIGTERM shuts down like server/main.ts
 * (flush, close sockets with 1012, close the database, exit 0). GET /stats reports the
 * event-loop delay (max since the last `?reset`), RSS and the collab stats.
 */
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import pino from "pino";
import { openDatabase } from "#db/client.ts";
import type { Config } from "#server/config.ts";
import { createCollabServer } from "#server/collab/index.ts";
import { editorSchema } from "#server/collab/schema.ts";
import type { CollabOptions } from "#server/collab/limits.ts";
import { PostgresStorage } from "#server/docs/postgres.ts";

const options = JSON.parse(process.env.COLLAB_OPTIONS ?? "{}") as Partial<CollabOptions>;
const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, maxConnections: 4 });
const log = pino({ level: process.env.LOG_LEVEL ?? "info" }, pino.destination(2));
const collab = createCollabServer({
  db: handle.db,
  storage: new PostgresStorage(handle.db),
  config: { origin: process.env.ORIGIN, redisUrl: process.env.REDIS_URL || undefined } as Config,
  log,
  // The fault clients type into a plain Y.Text "body"; updates are still schema-checked.
  options: { schema: editorSchema({ textRoots: ["body"] }), ...options },
});

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

const server = http.createServer((req, res) => {
  if (req.url?.startsWith("/stats")) {
    const body = {
      eventLoopDelayMaxMs: delay.max / 1e6,
      eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
      rss: process.memoryUsage().rss,
      ...collab.stats(),
    };
    if (req.url.includes("reset")) delay.reset();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    return;
  }
  res.writeHead(404).end();
});
server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));

let stopping = false;
process.on("SIGTERM", () => {
  if (stopping) return;
  stopping = true;
  log.info("shutting down");
  server.close();
  void (async () => {
    await collab.close();
    server.closeAllConnections();
    await handle.close();
    log.info("stopped");
    process.exit(0);
  })();
});

server.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
