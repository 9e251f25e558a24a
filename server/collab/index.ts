import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type * as Y from "yjs";
import { WebSocketServer, type WebSocket } from "ws";
import type { Database } from "#db/client.ts";
import type { Config } from "#server/config.ts";
import type { Logger } from "#server/log.ts";
import { admit, type Admitted } from "./auth.ts";
import { Connection } from "./connection.ts";
import { RedisFanout, type Fanout } from "./fanout.ts";
import { defaultOptions, type CollabOptions } from "./limits.ts";
import type { DocStorage } from "#server/docs/storage.ts";
import { editorSchema } from "./schema.ts";
import { CLOSE_SERVER_RESTART, CLOSE_SESSION_ENDED } from "#common/collab-protocol.ts";
import { Room } from "./room.ts";

export { COLLAB_PATH_PREFIX } from "./auth.ts";
export * from "#common/collab-protocol.ts";

/** Which open connections `refreshAccess` re-evaluates; omitted fields match everything. */
export interface AccessFilter {
  sectionId?: string;
  userId?: string;
  consultationId?: string;
}

export interface CollabStats {
  rooms: number;
  connections: number;
  /** Names of the loaded documents. */
  docs: string[];
}

export interface CollabServer {
  /** Handles an HTTP upgrade for a path starting with /collab/; writes 401/403/404 and destroys the socket when refused. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Flushes every pending update to the database, closes sockets (code 1012), then resolves. */
  close(): Promise<void>;
  /**
   * Re-checks session and section permission of the matching open connections; resolves when
   * each was closed (4401/4403), switched to read-only or back, or left as is.
   */
  refreshAccess(filter?: AccessFilter): Promise<void>;
  /**
   * Applies a server-side edit to a document (loading it first if needed) as an ordinary update
   * attributed to `userId`: broadcast to connected clients and other nodes, and resolved with
   * the edit's result only once it is durable in the update log.
   */
  editDocument<T>(docName: string, userId: string, edit: (doc: Y.Doc) => T): Promise<T>;
  /**
   * Closes the open connections of ended sessions at once (4401): one session (logout) or all of
   * a user's (password reset, account disabled).
   */
  endSessions(filter: { sessionId?: string; userId?: string }): void;
  /**
   * The document of a loaded room (ready, not unloaded), or null: page views read the live text
   * from it. Callers only read; edits go through editDocument.
   */
  peek(docName: string): Y.Doc | null;
  /** Loaded rooms and open connections, for health checks and tests. */
  stats(): CollabStats;
}

export interface CollabDeps {
  db: Database;
  config: Config;
  log: Logger;
  /** Where documents are stored (services.docs). */
  storage: DocStorage;
  options?: Partial<CollabOptions>;
}

/** Creates the collaboration endpoint; it serves nothing until upgrades are routed to it. */
export function createCollabServer(deps: CollabDeps): CollabServer {
  const options: CollabOptions = {
    ...defaultOptions,
    // Production checks every client update against the editor's schema (ADR 013).
    schema: editorSchema(),
    ...deps.options,
  };
  const log = deps.log.child({ module: "collab" });
  const storage = deps.storage;
  // perMessageDeflate stays off: compression bombs would bypass the frame limit's intent.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxFrameBytes,
    perMessageDeflate: false,
  });
  const rooms = new Map<string, Room>();
  /** Final writes of rooms reset after a Yjs failure; their successor loads after them. */
  const resetting = new Map<string, Promise<void>>();
  /** Rooms whose load finished, for peek. */
  const loaded = new WeakSet<Room>();
  const connections = new Set<Connection>();
  let closing = false;
  const fanout: Fanout | undefined = deps.config.redisUrl
    ? new RedisFanout(deps.config.redisUrl, log)
    : undefined;
  fanout?.onResubscribed(() => {
    for (const room of rooms.values()) void room.catchUp();
  });

  function roomFor(name: string): Room {
    let room = rooms.get(name);
    if (room) return room;
    room = new Room(name, {
      storage,
      options,
      log,
      fanout,
      previous: resetting.get(name),
      onUnload: (unloaded) => {
        if (rooms.get(unloaded.name) === unloaded) rooms.delete(unloaded.name);
        log.debug({ doc: unloaded.name }, "collab document unloaded");
      },
      onBroken: (broken) => {
        if (rooms.get(broken.name) === broken) rooms.delete(broken.name);
        const written = broken.flush().catch(() => {});
        resetting.set(broken.name, written);
        void written.then(() => {
          if (resetting.get(broken.name) === written) resetting.delete(broken.name);
        });
      },
    });
    const created = room;
    created.ready.then(
      () => loaded.add(created),
      () => {},
    );
    created.ready.catch((err) => {
      // Forget the room so the next connection retries the load; its members were closed
      // with 1011 by their connections and will reconnect.
      log.error({ err, doc: name }, "loading collab document failed");
      if (rooms.get(name) === created) rooms.delete(name);
      created.destroy();
    });
    rooms.set(name, room);
    return room;
  }

  function accept(ws: WebSocket, admitted: Admitted): void {
    if (closing) {
      ws.close(CLOSE_SERVER_RESTART, "server restarting");
      return;
    }
    const connection = new Connection(
      ws,
      roomFor(admitted.grant.sectionId),
      admitted.user,
      admitted.token,
      admitted.grant,
      admitted.organisationName,
      admitted.extensions,
      { db: deps.db, options, log, onClose: (c) => connections.delete(c) },
    );
    connections.add(connection);
    log.debug(
      { doc: admitted.grant.sectionId, userId: admitted.user.id, level: admitted.grant.level },
      "collab connection opened",
    );
  }

  return {
    handleUpgrade(req, socket, head) {
      // An error on a socket still being authorised must not crash the process.
      socket.on("error", (err) => log.debug({ err }, "collab upgrade socket error"));
      if (closing) return refuse(socket, 503);
      admit(deps.db, deps.config, req).then(
        (decision) => {
          if (!decision.ok) {
            log.info(
              { status: decision.status, reason: decision.reason },
              "collab upgrade refused",
            );
            return refuse(socket, decision.status);
          }
          if (closing) return refuse(socket, 503);
          const open = [...connections].filter((c) => c.userId === decision.user.id).length;
          if (open >= options.maxConnectionsPerUser) {
            log.warn(
              { userId: decision.user.id, open },
              "collab upgrade refused: too many sockets",
            );
            return refuse(socket, 429);
          }
          wss.handleUpgrade(req, socket, head, (ws) => accept(ws, decision));
        },
        (err) => {
          log.error({ err }, "collab upgrade failed");
          refuse(socket, 500);
        },
      );
    },

    async close() {
      closing = true;
      // Stop taking frames first, so the flush below is final; clients keep unconfirmed edits
      // and send them again after reconnecting.
      for (const connection of connections) connection.freeze();
      await Promise.all([...rooms.values()].map((room) => room.flush()));
      await Promise.all(
        [...connections].map((c) => c.closeAndWait(CLOSE_SERVER_RESTART, "server restarting")),
      );
      for (const room of rooms.values()) room.destroy();
      rooms.clear();
      await fanout?.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },

    async refreshAccess(filter = {}) {
      const matching = [...connections].filter(
        (c) =>
          (filter.sectionId === undefined || c.room.name === filter.sectionId.toLowerCase()) &&
          (filter.userId === undefined || c.userId === filter.userId) &&
          (filter.consultationId === undefined || c.grant.consultationId === filter.consultationId),
      );
      await Promise.all(matching.map((c) => c.refresh()));
    },

    editDocument(docName, userId, edit) {
      if (closing) return Promise.reject(new Error("collab server is closing"));
      return roomFor(docName.toLowerCase()).applyServerEdit(userId, edit);
    },

    endSessions(filter) {
      for (const c of connections) {
        if (filter.sessionId !== undefined && c.sessionId !== filter.sessionId) continue;
        if (filter.userId !== undefined && c.userId !== filter.userId) continue;
        c.close(CLOSE_SESSION_ENDED, "session ended");
      }
    },

    peek(docName) {
      const room = rooms.get(docName.toLowerCase());
      return room && loaded.has(room) && !room.destroyed && !room.broken ? room.doc : null;
    },

    stats() {
      return { rooms: rooms.size, connections: connections.size, docs: [...rooms.keys()] };
    },
  };
}

/** Answers a refused upgrade with a bare HTTP status and closes the socket. */
function refuse(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  const body = STATUS_CODES[status] ?? "Error";
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${body}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
