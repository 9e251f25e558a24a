import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  privatePostgresAvailable,
  sleep,
  startPrivatePostgres,
  waitUntil,
  type PrivatePostgres,
} from "#testkit/infra.ts";
import {
  allTyped,
  createFaultDatabase,
  exactlyOnce,
  settle,
  startNode,
  storedText,
  tokensOf,
  Typist,
  typists,
  type CollabNode,
  type FaultDatabase,
} from "./support.ts";

let pg: PrivatePostgres;
const nodes: CollabNode[] = [];
const clients: Typist[] = [];

async function node(databaseUrl: string, port?: number): Promise<CollabNode> {
  const started = await startNode({ databaseUrl, port });
  nodes.push(started);
  return started;
}

async function connect(n: CollabNode, db: FaultDatabase, count: number, prefix: string) {
  const list = await typists(n.url, db.fixture, count, prefix);
  clients.push(...list);
  return list;
}

/** Every confirmed token is stored exactly once; nothing stored that was never typed. */
function checkConfirmedStored(stored: string, list: Typist[]): void {
  const typed = new Set(allTyped(list));
  const counts = new Map<string, number>();
  for (const token of tokensOf(stored)) counts.set(token, (counts.get(token) ?? 0) + 1);
  for (const [token, n] of counts) {
    expect(typed.has(token), `stored token ${token} was typed`).toBe(true);
    expect(n, `stored token ${token} once`).toBe(1);
  }
  for (const t of list) for (const token of t.confirmed()) expect(counts.get(token)).toBe(1);
}

describe.skipIf(!privatePostgresAvailable())("process crashes and shutdown", () => {
  beforeAll(async () => {
    pg = await startPrivatePostgres();
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const n of nodes) await n.kill9();
    await pg?.destroy();
  });

  it("(a) kill -9 mid-typing, clients stay and reconnect to the restarted server", async () => {
    const db = await createFaultDatabase(pg.createDatabase);
    const first = await node(db.url);
    const list = await connect(first, db, 4, "a");
    for (const t of list) t.start(15);
    await waitUntil(() => list.every((t) => t.confirmed().length >= 10), "edits confirmed");
    await first.kill9();
    const afterCrash = await storedText(db.url, db.fixture.sectionId);
    checkConfirmedStored(afterCrash, list);
    // Typing goes on while the server is down, then against the restarted one.
    await sleep(300);
    const second = await node(db.url, first.port);
    await waitUntil(() => list.every((t) => t.gen >= 2), "clients reconnected");
    await sleep(300);
    for (const t of list) t.stop();
    const final = await settle(list, "convergence after restart");
    expect(exactlyOnce(final, allTyped(list))).toEqual([]);
    expect(await storedText(db.url, db.fixture.sectionId)).toBe(final);
    await second.stop();
    await db.handle.close();
  });

  it("(b) kill -9, all clients gone 1 s later: everything confirmed as stored survives", async () => {
    const db = await createFaultDatabase(pg.createDatabase);
    const first = await node(db.url);
    const list = await connect(first, db, 3, "b");
    for (const t of list) t.start(15);
    await waitUntil(() => list.every((t) => t.confirmed().length >= 10), "edits confirmed");
    await first.kill9();
    await sleep(1000);
    for (const t of list) t.destroy();
    const second = await node(db.url, first.port);
    const stored = await storedText(db.url, db.fixture.sectionId);
    checkConfirmedStored(stored, list);
    // A newcomer sees exactly the stored state.
    const [reader] = await connect(second, db, 1, "b-reader");
    expect(reader.text.toString()).toBe(stored);
    reader.destroy();
    await second.stop();
    await db.handle.close();
  });

  it("(g) SIGTERM during typing flushes pending writes before the process exits", async () => {
    const db = await createFaultDatabase(pg.createDatabase);
    const first = await node(db.url);
    const list = await connect(first, db, 4, "g");
    for (const t of list) t.start(10);
    await waitUntil(() => list.every((t) => t.confirmed().length >= 10), "edits confirmed");
    const confirmedBefore = list.map((t) => t.confirmed().length);
    const exit = await first.stop("SIGTERM");
    expect(exit.code).toBe(0);
    expect(first.logs().some((l) => l.msg === "stopped")).toBe(true);
    const stored = await storedText(db.url, db.fixture.sectionId);
    checkConfirmedStored(stored, list);
    // Confirmations sent during the shutdown flush count too; the clients got them.
    list.forEach((t, i) => expect(t.confirmed().length).toBeGreaterThanOrEqual(confirmedBefore[i]));
    await sleep(200);
    await node(db.url, first.port);
    await waitUntil(() => list.every((t) => t.gen >= 2), "clients reconnected");
    for (const t of list) t.stop();
    const final = await settle(list, "convergence after restart");
    expect(exactlyOnce(final, allTyped(list))).toEqual([]);
    expect(await storedText(db.url, db.fixture.sectionId)).toBe(final);
    await db.handle.close();
  });
});
