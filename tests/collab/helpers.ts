import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import * as decoding from "lib0/decoding";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { Database, DatabaseHandle } from "#db/client.ts";
import type { Config } from "#server/config.ts";
import { createCollabServer, type CollabServer } from "#server/collab/index.ts";
import type { CollabOptions } from "#server/collab/limits.ts";
import { PostgresStorage } from "#server/docs/postgres.ts";
import type { DocStorage } from "#server/docs/storage.ts";
import { isWriteFrame, MESSAGE_ACCESS, MESSAGE_STORED } from "#common/collab-protocol.ts";
import { editorSchema, type DocSchema } from "#server/collab/schema.ts";

/**
 * The editor's schema plus a root Y.Text "body": most collab tests type plain text into
 * `doc.getText("body")` (the TestClient's `text`); the schema tests use the editor's own.
 */
export function testSchema(): DocSchema {
  return editorSchema({ textRoots: ["body"] });
}

/** Polls until `condition` holds; fails with `what` after a generous timeout (no timing claims). */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

import { createTestDatabase } from "#tests/helpers/db.ts";
import {
  createFixture,
  EXTENSION_PARAMS,
  EXTENSION_QUERY,
  ORIGIN,
  socketClass,
  type Fixture,
} from "#testkit/collab.ts";

export { createTestDatabase };
export {
  createFixture,
  ORIGIN,
  socketClass,
  type Fixture,
  type RoleName,
} from "#testkit/collab.ts";

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface TestServer {
  collab: CollabServer;
  url: string;
  logs: LogLine[];
  stop(): Promise<void>;
}

/** Starts an HTTP server on an ephemeral port that routes upgrades to a collab server. */
export async function startServer(
  db: Database,
  options: Partial<CollabOptions> = {},
  storage?: DocStorage,
  redisUrl?: string,
): Promise<TestServer> {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const log = pino({ level: "debug" }, sink);
  const config = { origin: ORIGIN, redisUrl } as Config;
  const collab = createCollabServer({
    db,
    config,
    log,
    storage: storage ?? new PostgresStorage(db),
    options: { idleUnloadMs: 50, schema: testSchema(), ...options },
  });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    collab,
    url: `ws://127.0.0.1:${port}/collab`,
    logs,
    stop() {
      // Idempotent: a test may stop a server that useCollabServer() stops again afterwards.
      stopped ??= (async () => {
        await collab.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return stopped;
    },
  };
}

/** What useCollabServer() set up for a test file; read it inside tests and hooks. */
export interface CollabEnv {
  readonly database: DatabaseHandle;
  readonly db: Database;
  readonly fixture: Fixture;
  /** The server started with the options given to useCollabServer(). */
  readonly server: TestServer;
  /** Another server on the same database; stopped after the file if the test does not. */
  startServer(
    options?: Partial<CollabOptions>,
    storage?: DocStorage,
    redisUrl?: string,
  ): Promise<TestServer>;
}

/**
 * Registers beforeAll/afterAll hooks for a collab test file (or describe block): a fresh
 * database with the standard fixture and a collab server with `options` (ephemeral port; fanning
 * out through Redis when `redisUrl` is given), all closed again afterwards.
 */
export function useCollabServer(
  options: Partial<CollabOptions> = {},
  redisUrl?: string,
): CollabEnv {
  let database: DatabaseHandle | undefined;
  let fixture: Fixture | undefined;
  let server: TestServer | undefined;
  const started: TestServer[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useCollabServer: ${what} is read before beforeAll`);
    return value;
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    fixture = await createFixture(database.db);
    server = await startServer(database.db, options, undefined, redisUrl);
  });
  afterAll(async () => {
    for (const other of started) await other.stop();
    await server?.stop();
    await database?.close();
  });
  return {
    get database() {
      return ready(database, "the database");
    },
    get db() {
      return ready(database, "the database").db;
    },
    get fixture() {
      return ready(fixture, "the fixture");
    },
    get server() {
      return ready(server, "the server");
    },
    async startServer(otherOptions = {}, storage, redisUrl) {
      const db = ready(database, "the database").db;
      const other = await startServer(db, otherOptions, storage, redisUrl);
      started.push(other);
      return other;
    },
  };
}

export interface TestClient {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  /** Seqs of "stored" messages received on the current socket, in order. */
  stored: number[];
  /** Received "access" values (true = may edit). */
  access: boolean[];
  /** The reason of each received "access" message (0 when it carried none). */
  accessReasons: number[];
  /** Write frames (sync step 2 / update) sent on the current socket. */
  writesSent(): number;
  closeCodes: number[];
  destroy(): void;
}

/** A real y-websocket client with the user's session cookie and the right Origin. */
export function connectClient(
  server: TestServer,
  docName: string,
  cookie: string,
  origin = ORIGIN,
): TestClient {
  const doc = new Y.Doc();
  let writes = 0;
  const confirmations: number[] = [];
  const Base = socketClass({ cookie, origin });
  class CountingSocket extends Base {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      // Write seqs restart with every socket, and so do their confirmations.
      writes = 0;
      confirmations.length = 0;
    }
    override send(data: unknown, ...rest: unknown[]): void {
      if (data instanceof Uint8Array && isWriteFrame(data)) writes++;
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  }
  const provider = new WebsocketProvider(server.url, docName, doc, {
    WebSocketPolyfill: CountingSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    params: EXTENSION_PARAMS,
  });
  const client: TestClient = {
    doc,
    text: doc.getText("body"),
    provider,
    stored: confirmations,
    access: [],
    accessReasons: [],
    writesSent: () => writes,
    closeCodes: [],
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
  provider.messageHandlers[MESSAGE_STORED] = (_e, decoder) => {
    client.stored.push(decoding.readVarUint(decoder));
  };
  provider.messageHandlers[MESSAGE_ACCESS] = (_e, decoder) => {
    client.access.push(decoding.readVarUint(decoder) === 1);
    client.accessReasons.push(decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : 0);
  };
  provider.on("connection-close", (event) => {
    if (event) client.closeCodes.push(event.code);
  });
  return client;
}

/** Resolves once the client completed its first sync with the server. */
export function synced(client: TestClient): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (state: boolean) => {
      if (!state) return;
      client.provider.off("sync", onSync);
      resolve();
    };
    client.provider.on("sync", onSync);
  });
}

export interface RawSocket {
  ws: WebSocket;
  /** Resolves with the close code the server sent. */
  closed: Promise<number>;
  /** Resolves with the HTTP status when the upgrade was refused. */
  refused: Promise<number>;
  opened: Promise<void>;
  received: Uint8Array[];
}

/**
 * A bare socket for sending hand-made frames; it asks for the Ratschlag message types as the
 * editor does, unless `plain` (a stock client).
 */
export function rawSocket(
  server: TestServer,
  docName: string,
  headers: Record<string, string>,
  { plain = false }: { plain?: boolean } = {},
): RawSocket {
  const ws = new WebSocket(`${server.url}/${docName}${plain ? "" : EXTENSION_QUERY}`, { headers });
  const received: Uint8Array[] = [];
  ws.on("message", (data) => received.push(new Uint8Array(data as Buffer)));
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  const refused = new Promise<number>((resolve) =>
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    }),
  );
  ws.on("error", () => {});
  const opened = new Promise<void>((resolve) => ws.on("open", () => resolve()));
  return { ws, closed, refused, opened, received };
}

/** The document as stored in the database, rebuilt in a fresh Y.Doc. */
export async function storedDoc(db: Database, docName: string): Promise<Y.Doc> {
  const stored = await new PostgresStorage(db).load(docName);
  const doc = new Y.Doc();
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** The stored log and snapshot bytes, for byte-for-byte comparisons. */
export async function storedBytes(db: Database, docName: string): Promise<string> {
  const stored = await new PostgresStorage(db).load(docName);
  return stored.updates.map((u) => Buffer.from(u).toString("hex")).join("|");
}
