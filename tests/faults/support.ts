/**
 * Building blocks of the fault-injection scenarios: a migrated database with the collab test
 * fixture, collab nodes as child processes (so kill -9 is real), typing clients that record
 * which of their tokens the server confirmed as stored, and the oracle.
 */
import path from "node:path";
import * as decoding from "lib0/decoding";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { openDatabase, type DatabaseHandle } from "#db/client.ts";
import { runMigrations } from "#db/migrate.ts";
import { PostgresStorage } from "#server/docs/postgres.ts";
import { isWriteFrame, MESSAGE_ACCESS, MESSAGE_STORED } from "#common/collab-protocol.ts";
import {
  createFixture,
  EXTENSION_PARAMS,
  ORIGIN,
  socketClass,
  type Fixture,
} from "#testkit/collab.ts";
import { freePort, sleep, spawnServer, waitUntil, type ChildServer } from "#testkit/infra.ts";

export { ORIGIN };

export interface FaultDatabase {
  url: string;
  handle: DatabaseHandle;
  fixture: Fixture;
}

/** Creates a fresh database (on a private or shared server), migrates it and adds the fixture. */
export async function createFaultDatabase(
  createDatabase: (name: string) => Promise<string>,
): Promise<FaultDatabase> {
  const name = `ratschlag_f_${Math.random().toString(36).slice(2, 10)}`;
  const url = await createDatabase(name);
  const handle = await openDatabase({ databaseUrl: url, maxConnections: 2 });
  await runMigrations(handle);
  const fixture = await createFixture(handle.db);
  return { url, handle, fixture };
}

export interface NodeOptions {
  databaseUrl: string;
  port?: number;
  redisUrl?: string;
  /** CollabOptions overrides, passed as JSON. */
  options?: Record<string, unknown>;
}

export interface CollabNode extends ChildServer {
  port: number;
  url: string;
  /** Parsed JSON log lines of the child (stderr). */
  logs(): { level: number; msg: string; [key: string]: unknown }[];
  stats(reset?: boolean): Promise<{ eventLoopDelayMaxMs: number; rss: number; rooms: number }>;
}

/** Starts tests/faults/server.ts as a child process (same port again after a kill if given). */
export async function startNode(options: NodeOptions): Promise<CollabNode> {
  let port = options.port ?? (await freePort());
  let child: ChildServer;
  for (let attempt = 1; ; attempt++) {
    try {
      child = await spawnServer(path.join(import.meta.dirname, "server.ts"), {
        env: {
          DATABASE_URL: options.databaseUrl,
          PORT: String(port),
          ORIGIN,
          REDIS_URL: options.redisUrl ?? "",
          COLLAB_OPTIONS: JSON.stringify({ idleUnloadMs: 500, ...options.options }),
        },
      });
      break;
    } catch (err) {
      // Another process on the machine may hold the port for a moment (a restart must reuse
      // the same port, so it waits; a fresh node simply takes another one).
      if (!/EADDRINUSE/.test(String(err)) || attempt >= 20) throw err;
      if (options.port === undefined) port = await freePort();
      else await sleep(500);
    }
  }
  return {
    ...child,
    port,
    url: `ws://127.0.0.1:${port}/collab`,
    logs: () =>
      child.stderr.flatMap((line) => {
        try {
          return [JSON.parse(line)];
        } catch {
          return [];
        }
      }),
    async stats(reset = false) {
      const res = await fetch(`http://127.0.0.1:${port}/stats${reset ? "?reset" : ""}`);
      return (await res.json()) as { eventLoopDelayMaxMs: number; rss: number; rooms: number };
    },
  };
}

/** A tiny deterministic PRNG (mulberry32), so every run types the same positions. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface TokenRecord {
  /** Socket generation the token's update went out on (0: typed while offline). */
  gen: number;
  /** Write sequence number on that socket (0: not sent yet). */
  seq: number;
}

/**
 * A full y-websocket client (Yjs doc + provider) typing unique tokens at token boundaries.
 * Records, per token, the socket and write sequence number it was sent with, and per socket
 * the highest "stored" confirmation, so `confirmed()` lists the tokens the server promised
 * are durable.
 */
export class Typist {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText("body");
  readonly provider: WebsocketProvider;
  readonly typed = new Map<string, TokenRecord>();
  readonly closeCodes: number[] = [];
  gen = 0;
  private writes = 0;
  private readonly confirmedByGen = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private count = 0;
  private readonly random: () => number;

  constructor(
    serverUrl: string,
    docName: string,
    cookie: string,
    readonly name: string,
    seed: number,
  ) {
    this.random = prng(seed);
    const Base = socketClass({ cookie, origin: ORIGIN });
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const typist = this;
    class CountingSocket extends Base {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols);
        typist.writes = 0;
      }
      override send(data: unknown, ...rest: unknown[]): void {
        if (data instanceof Uint8Array && isWriteFrame(data)) typist.writes++;
        (super.send as (...args: unknown[]) => void)(data, ...rest);
      }
    }
    this.provider = new WebsocketProvider(serverUrl, docName, this.doc, {
      WebSocketPolyfill: CountingSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 500,
      params: EXTENSION_PARAMS,
    });
    this.provider.on("status", ({ status }) => {
      if (status === "connected") this.gen++;
    });
    this.provider.on("connection-close", (event) => {
      if (event) this.closeCodes.push(event.code);
    });
    this.provider.messageHandlers[MESSAGE_STORED] = (_e, decoder) => {
      const seq = decoding.readVarUint(decoder);
      this.confirmedByGen.set(this.gen, Math.max(seq, this.confirmedByGen.get(this.gen) ?? 0));
    };
    this.provider.messageHandlers[MESSAGE_ACCESS] = (_e, decoder) => {
      decoding.readVarUint(decoder);
    };
    this.provider.awareness.setLocalStateField("cursor", { index: 0 });
  }

  /** Inserts the next token at a random token boundary. */
  typeOne(): string {
    const token = `${this.name}n${this.count++}`;
    const current = this.text.toString();
    const boundaries = [0];
    for (let i = 0; i < current.length; i++) if (current[i] === " ") boundaries.push(i + 1);
    const at = boundaries[Math.floor(this.random() * boundaries.length)];
    const before = this.writes;
    this.text.insert(at, `${token} `);
    // Sent only if a write frame went out now (not while offline or while the socket closes).
    const sent = this.writes > before;
    this.typed.set(token, { gen: sent ? this.gen : 0, seq: sent ? this.writes : 0 });
    if (this.count % 5 === 0) {
      this.provider.awareness.setLocalStateField("cursor", { index: at });
    }
    return token;
  }

  /** Types one token every `intervalMs` until `stop()`. */
  start(intervalMs = 15): void {
    this.stop();
    this.timer = setInterval(() => this.typeOne(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Tokens whose write frame the server confirmed as stored. */
  confirmed(): string[] {
    return [...this.typed]
      .filter(([, r]) => r.seq > 0 && r.seq <= (this.confirmedByGen.get(r.gen) ?? 0))
      .map(([token]) => token);
  }

  /** Connected, synced, and every write frame on the current socket is confirmed. */
  settled(): boolean {
    return (
      this.provider.wsconnected &&
      this.provider.synced &&
      (this.confirmedByGen.get(this.gen) ?? 0) >= this.writes
    );
  }

  destroy(): void {
    this.stop();
    this.provider.destroy();
    this.doc.destroy();
  }
}

/** Connects `count` typists, alternating the fixture's two editors, and waits for their sync. */
export async function typists(
  serverUrl: string,
  fixture: Fixture,
  count: number,
  prefix: string,
): Promise<Typist[]> {
  const cookies = [fixture.cookies.editor, fixture.cookies.editor2];
  const list = Array.from(
    { length: count },
    (_, i) => new Typist(serverUrl, fixture.sectionId, cookies[i % 2], `${prefix}c${i}`, 1000 + i),
  );
  await waitUntil(() => list.every((t) => t.provider.synced), "typists synced", 30_000);
  return list;
}

export function tokensOf(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** The stored document's text, rebuilt from snapshot + log through a separate connection. */
export async function storedText(databaseUrl: string, docName: string): Promise<string> {
  const handle = await openDatabase({ databaseUrl, maxConnections: 1 });
  try {
    const stored = await new PostgresStorage(handle.db).load(docName);
    const doc = new Y.Doc();
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return doc.getText("body").toString();
  } finally {
    await handle.close();
  }
}

/** Every token of `expected` occurs exactly once in `text`, and nothing else does. */
export function exactlyOnce(text: string, expected: Iterable<string>): string[] {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  for (const token of tokensOf(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  const wanted = new Set(expected);
  for (const token of wanted) {
    const n = counts.get(token) ?? 0;
    if (n !== 1) problems.push(`${token} occurs ${n}×`);
  }
  for (const token of counts.keys()) if (!wanted.has(token)) problems.push(`unexpected ${token}`);
  return problems;
}

/** Waits until all typists are connected, converged and fully confirmed. */
export async function settle(list: Typist[], what: string, timeoutMs = 60_000): Promise<string> {
  await waitUntil(
    () => {
      const first = list[0].text.toString();
      return list.every((t) => t.settled() && t.text.toString() === first);
    },
    what,
    timeoutMs,
    50,
  );
  return list[0].text.toString();
}

/** All tokens the typists typed. */
export function allTyped(list: Typist[]): string[] {
  return list.flatMap((t) => [...t.typed.keys()]);
}
