import type { Database } from "#db/client.ts";
import type { CollabServer } from "./collab/index.ts";
import type { Config } from "./config.ts";
import type { DocStorage } from "./docs/storage.ts";
import type { EventBus } from "./events.ts";
import type { Logger } from "./log.ts";

/** Where use cases read the time, so tests can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * What the collaboration server offers use cases and page views: let open sockets follow
 * permission changes, apply server-side edits (accepted suggestions) as attributed durable
 * updates, and read the text of a loaded document.
 */
export type CollabPort = Pick<CollabServer, "refreshAccess" | "editDocument" | "peek">;

/** The settings loaders, actions and use cases read. */
export type AppConfig = Pick<
  Config,
  "origin" | "production" | "maxConnectionsPerUser" | "formMaxBytes"
>;

/**
 * Everything a use case needs from the running system, built once at start-up (server/app.ts)
 * and handed to loaders and actions through React Router's context (server/context.ts) and to
 * every use case as its first argument. Tests build their own (tests/helpers/services.ts).
 *
 * Use cases publish their events and refresh socket access themselves, after their commit.
 */
export interface Services {
  db: Database;
  /** Live page updates and ended sessions, to every node. */
  events: EventBus;
  /** Stored Yjs documents (snapshot + update log, starter text on first load). */
  docs: DocStorage;
  collab: CollabPort;
  clock: Clock;
  log: Logger;
  config: AppConfig;
}
