import { RouterContextProvider } from "react-router";
import * as Y from "yjs";
import type { Database } from "#db/client.ts";
import type { AccessFilter } from "#server/collab/index.ts";
import { requestContext, servicesContext, type RequestInfo } from "#server/context.ts";
import { createDocStorage } from "#server/docs/index.ts";
import { loadYDoc } from "#server/docs/load.ts";
import { createLocalEventBus } from "#server/events.ts";
import { createLogger } from "#server/log.ts";
import { systemClock, type CollabPort, type Services } from "#server/services.ts";

/** A collaboration port without sockets: edits go straight to storage, refreshes are recorded. */
export interface FakeCollab extends CollabPort {
  refreshed: AccessFilter[];
}

export function fakeCollab(docs: Services["docs"]): FakeCollab {
  const refreshed: AccessFilter[] = [];
  return {
    refreshed,
    async refreshAccess(filter) {
      refreshed.push(filter ?? {});
    },
    peek: () => null,
    async editDocument(docName, userId, edit) {
      const doc = (await loadYDoc(docs, docName)) ?? new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on("update", (update: Uint8Array) => updates.push(update));
      try {
        const result = edit(doc);
        if (updates.length > 0) {
          await docs.append(docName, [{ update: Y.mergeUpdates(updates), userId }]);
        }
        return result;
      } finally {
        doc.destroy();
      }
    },
  };
}

const built = new WeakMap<Database, Services & { collab: CollabPort }>();

/**
 * The services a use case gets in tests: the test's database, an in-process event bus, document
 * storage on that database and a collaboration port without sockets (fakeCollab). The same
 * database gives the same services, so a subscriber on `testServices(db).events` sees what use
 * called with `testServices(db)` publish. Pass `overrides` (e.g. a real collab server, a fixed
 * clock) to replace parts; that replaces the services kept for this database.
 */
export function testServices(db: Database, overrides: Partial<Services> = {}): Services {
  const existing = built.get(db);
  if (existing && Object.keys(overrides).length === 0) return existing;
  const docs = overrides.docs ?? existing?.docs ?? createDocStorage(db);
  const services: Services = {
    db,
    events: existing?.events ?? createLocalEventBus(),
    docs,
    collab: existing?.collab ?? fakeCollab(docs),
    clock: systemClock,
    log: createLogger("silent"),
    config: {
      origin: "http://localhost:3000",
      production: false,
      maxConnectionsPerUser: 20,
      formMaxBytes: 1024 * 1024,
    },
    ...overrides,
  };
  built.set(db, services);
  return services;
}

/** The `context` a loader or action receives, for calling route modules directly in tests. */
export function routeContext(
  services: Services,
  request: Partial<RequestInfo> = {},
): RouterContextProvider {
  const context = new RouterContextProvider();
  context.set(servicesContext, services);
  context.set(requestContext, { auth: null, ip: "127.0.0.1", nonce: "test", ...request });
  return context;
}
