import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import { RouterContextProvider, type ServerBuild } from "react-router";
import type { ViteDevServer } from "vite";
import { openDatabase, type DatabaseHandle } from "#db/client.ts";
import { runMigrations } from "#db/migrate.ts";
import { seedDemo } from "#server/seed/demo.ts";
import {
  blankSessionCookie,
  deleteExpiredSessions,
  readCookie,
  SESSION_COOKIE,
  validateSessionToken,
} from "./auth/session.ts";
import { createCollabServer } from "./collab/index.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { requestContext, servicesContext } from "./context.ts";
import { createDocStorage } from "./docs/index.ts";
import { createRedisEventBus } from "./events-redis.ts";
import { createLocalEventBus } from "./events.ts";
import { drainUnreadBodies } from "./http/request-body.ts";
import { createNonce, originAllowed, securityHeaders } from "./http/security.ts";
import { createLogger, type Logger } from "./log.ts";
import { systemClock, type Services } from "./services.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function openAndPrepareDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await handle.ping();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `Cannot open the database (${config.databaseUrl ? "DATABASE_URL" : `embedded in ${config.dataDir}`}): ${reason}\n`,
    );
    process.exit(1);
  }
  if (handle.kind === "embedded") {
    await runMigrations(handle);
    const seeded = await seedDemo(handle.db);
    log.info({ created: seeded.created }, "embedded database ready");
    printDemoLogins(config, seeded.logins);
  }
  return handle;
}

function printDemoLogins(
  config: Config,
  logins: { role: string; email: string; name: string }[],
): void {
  const lines = [
    "",
    `Ratschlag demo (embedded database): ${config.origin}`,
    `Password for every demo login: ${DEMO_PASSWORD_HINT}`,
    ...logins.map((l) => `  ${l.role.padEnd(12)} ${l.email.padEnd(34)} ${l.name}`),
    "",
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

// Filled from the seed module so the printed hint and the seeded hash cannot disagree.
let DEMO_PASSWORD_HINT = "";

export interface StartOptions {
  /** The HTTP server to answer on (created by server/main.ts, which Vite's HMR also uses). */
  server: http.Server;
  /** Set in development: pages come from Vite's dev server instead of the production build. */
  vite?: ViteDevServer;
}

/**
 * Builds the services once, answers pages, the live-update stream and the collaboration socket
 * on one port, and stops gracefully on SIGTERM/SIGINT. Loaded by server/main.ts in the same module
 * graph as the route modules (ADR 014), so every server module exists once in the process.
 */
export async function start({ server, vite }: StartOptions): Promise<void> {
  const dev = vite !== undefined;
  const config = readConfig();
  const log = createLogger(config.logLevel);
  const seed = await import("#server/seed/demo-data.ts");
  DEMO_PASSWORD_HINT = seed.DEMO_PASSWORD;
  const database = await openAndPrepareDatabase(config, log);
  const { db } = database;

  // Live page updates reach subscribers on every node through Redis when there are several.
  const events = config.redisUrl
    ? createRedisEventBus(config.redisUrl, log)
    : createLocalEventBus();
  const docs = createDocStorage(db);

  const app = express();
  app.disable("x-powered-by");
  if (config.trustProxy) app.set("trust proxy", config.trustProxy);
  server.on("request", app);
  const collab = createCollabServer({
    db,
    config,
    log,
    storage: docs,
    options: { maxConnectionsPerUser: config.maxConnectionsPerUser },
  });
  const services: Services = { db, events, docs, collab, clock: systemClock, log, config };
  // Logout, a password reset or a disabled account closes that session's sockets at once.
  events.onSessionsEnded((ended) => collab.endSessions(ended));

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info(
        { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms) },
        "request",
      );
    });
    next();
  });

  app.get("/healthz", async (_req, res) => {
    try {
      await database.ping();
      res.json({ status: "ok", database: "reachable" });
    } catch (error) {
      log.error({ err: error }, "health check: database unreachable");
      res.status(503).json({ status: "error", database: "unreachable" });
    }
  });

  app.use((req, res, next) => {
    const nonce = createNonce();
    res.locals.nonce = nonce;
    res.set(securityHeaders({ nonce, production: config.production, origin: config.origin }));
    if (!originAllowed(req.method, req.headers, config.origin)) {
      log.warn(
        { method: req.method, path: req.path, origin: req.headers.origin },
        "origin rejected",
      );
      res.status(403).type("text/plain; charset=utf-8");
      res.send(
        "Forbidden: request origin does not match this site / Herkunft der Anfrage ungültig",
      );
      return;
    }
    next();
  });
  app.use(compression());
  // Forms are read (and refused past FORM_MAX_BYTES) by the app's readForm; what it left unread
  // is drained here after the answer, up to 256 MiB, then the connection is dropped.
  app.use(drainUnreadBodies(256 * 1024 * 1024));

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (vite) {
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>;
  } else {
    const buildFile = path.join(root, "build/server/index.js");
    if (!fs.existsSync(buildFile)) {
      process.stderr.write(`No production build at ${buildFile}: run "npm run build" first.\n`);
      process.exit(1);
    }
    build = (await import(/* @vite-ignore */ pathToFileURL(buildFile).href)) as ServerBuild;
    app.use(
      "/assets",
      express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }),
    );
    app.use(express.static(path.join(root, "build/client"), { maxAge: "1h", index: false }));
  }

  app.use(async (req, res, next) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    res.locals.auth = null;
    if (token) {
      try {
        res.locals.auth = await validateSessionToken(db, token);
      } catch (error) {
        next(error);
        return;
      }
      if (!res.locals.auth) res.append("Set-Cookie", blankSessionCookie(config.production));
    }
    next();
  });

  app.all(
    "/{*splat}",
    createRequestHandler({
      build,
      mode: dev ? "development" : "production",
      getLoadContext: (req, res) => {
        const context = new RouterContextProvider();
        context.set(servicesContext, services);
        context.set(requestContext, {
          auth: res.locals.auth,
          ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
          nonce: res.locals.nonce,
        });
        return context;
      },
    }),
  );

  server.on("upgrade", (req, socket, head) => {
    const url = req.url ?? "";
    if (url.startsWith("/collab/")) {
      collab.handleUpgrade(req, socket, head);
      return;
    }
    // Vite's HMR socket registers its own upgrade listener in development.
    if (dev && req.headers["sec-websocket-protocol"] === "vite-hmr") return;
    socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
  });

  const sweeper = setInterval(
    () => {
      deleteExpiredSessions(db).catch((error) => log.warn({ err: error }, "session sweep failed"));
    },
    15 * 60 * 1000,
  );
  sweeper.unref();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      log.error("shutdown timed out; exiting");
      process.exit(1);
    }, 15_000);
    force.unref();
    server.close();
    try {
      await collab.close();
      await events.close();
      server.closeAllConnections();
      await database.close();
    } catch (error) {
      log.error({ err: error }, "error during shutdown");
      process.exit(1);
    }
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  server.listen(config.port, () => {
    log.info({ port: config.port, origin: config.origin, database: database.kind }, "listening");
    process.stdout.write(`Ratschlag is listening on ${config.origin}\n`);
  });
}
