import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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
  Typist,
  typists,
  type CollabNode,
  type FaultDatabase,
} from "./support.ts";

// Each scenario stops a PostgreSQL instance of its own, never the machine's shared one.
let pg: PrivatePostgres;
const nodes: CollabNode[] = [];
const clients: Typist[] = [];

const OUTAGE_MS = Number(process.env.FAULTS_OUTAGE_MS ?? 30_000);

describe.skipIf(!privatePostgresAvailable())("PostgreSQL outages", () => {
  beforeAll(async () => {
    pg = await startPrivatePostgres();
  });

  // A failed scenario must not leave the next one without its database.
  afterEach(async () => {
    if (!pg.running) await pg.start();
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const n of nodes) await n.kill9();
    await pg?.destroy();
  });

  it("(c) PostgreSQL stopped during editing: editing goes on, saves retry, state matches", async () => {
    const db = await createFaultDatabase(pg.createDatabase);
    const node = await startNode({ databaseUrl: db.url });
    nodes.push(node);
    const list = await typists(node.url, db.fixture, 4, "c");
    clients.push(...list);
    for (const t of list) t.start(40);
    await waitUntil(() => list.every((t) => t.confirmed().length >= 5), "edits confirmed");
    await db.handle.close();
    await pg.stop();
    // A commit that was in flight when the server stopped may still be confirmed just after.
    await sleep(1000);
    const confirmedAtStop = list.map((t) => t.confirmed().length);
    await sleep(OUTAGE_MS / 2 - 1000);
    // Mid-outage: the clients still see each other's edits live.
    for (const t of list) t.stop();
    await waitUntil(() => {
      const first = list[0].text.toString();
      return list.every((t) => t.provider.wsconnected && t.text.toString() === first);
    }, "live convergence while the database is down");
    for (const t of list) t.start(40);
    await sleep(OUTAGE_MS / 2);
    const confirmedAtEnd = list.map((t) => t.confirmed().length);
    const generations = list.map((t) => t.gen);
    await pg.start();
    // Nothing was confirmed while nothing could be stored, and nobody was disconnected.
    expect(confirmedAtEnd).toEqual(confirmedAtStop);
    expect(generations).toEqual(list.map(() => 1));
    await sleep(500);
    for (const t of list) t.stop();
    const final = await settle(list, "everything stored after PostgreSQL is back", 90_000);
    expect(exactlyOnce(final, allTyped(list))).toEqual([]);
    expect(await storedText(db.url, db.fixture.sectionId)).toBe(final);
    const errors = node.logs().filter((l) => l.level >= 50);
    expect(errors.some((l) => /storing collab updates failed/.test(l.msg))).toBe(true);
    for (const t of list) t.destroy();
    await node.stop();
  });

  async function storedBefore(db: FaultDatabase, prefix: string) {
    const node = await startNode({ databaseUrl: db.url });
    const writers = await typists(node.url, db.fixture, 2, prefix);
    for (let i = 0; i < 20; i++) for (const t of writers) t.typeOne();
    const text = await settle(writers, "initial content stored");
    for (const t of writers) t.destroy();
    // A clean restart, so the next open is the document's first load on this process.
    await node.stop();
    return { text, tokens: allTyped(writers) };
  }

  it("(d) PostgreSQL down when a document is first opened: error, then the stored content", async () => {
    const db = await createFaultDatabase(pg.createDatabase);
    const before = await storedBefore(db, "d");
    await db.handle.close();
    const node = await startNode({ databaseUrl: db.url });
    nodes.push(node);
    await pg.stop();
    const client = new Typist(node.url, db.fixture.sectionId, db.fixture.cookies.editor, "dn", 7);
    clients.push(client);
    const seenAtSync: string[] = [];
    client.provider.on("sync", (synced) => synced && seenAtSync.push(client.text.toString()));
    let errors = 0;
    client.provider.on("connection-error", () => errors++);
    await waitUntil(() => errors >= 3, "refused upgrades while the database is down");
    expect(client.provider.synced).toBe(false);
    expect(client.text.toString()).toBe("");
    await pg.start();
    await waitUntil(() => client.provider.synced, "sync once the database is back", 60_000);
    expect(seenAtSync[0]).toBe(before.text);
    for (let i = 0; i < 10; i++) client.typeOne();
    const final = await settle([client], "new edits stored");
    expect(exactlyOnce(final, [...before.tokens, ...client.typed.keys()])).toEqual([]);
    expect(await storedText(db.url, db.fixture.sectionId)).toBe(final);
    client.destroy();
    await node.stop();
  });

  it("(d') loading the stored document fails after admission: socket closed, never overwritten", async () => {
    const db = await createFaultDatabase(pg.createDatabase);
    const before = await storedBefore(db, "e");
    const node = await startNode({ databaseUrl: db.url });
    nodes.push(node);
    // Sessions and permissions still answer; only the document log is unreadable.
    const admin = postgres(db.url, { max: 1, onnotice: () => {} });
    await admin.unsafe("alter table doc_updates rename to doc_updates_unavailable");
    const client = new Typist(node.url, db.fixture.sectionId, db.fixture.cookies.editor, "dx", 8);
    clients.push(client);
    const seenAtSync: string[] = [];
    client.provider.on("sync", (synced) => synced && seenAtSync.push(client.text.toString()));
    await waitUntil(() => client.closeCodes.length >= 2, "sockets closed while loading fails");
    expect(client.closeCodes.every((code) => code === 1011)).toBe(true);
    expect(client.provider.synced).toBe(false);
    expect(
      node.logs().some((l) => l.level >= 50 && /loading collab document failed/.test(l.msg)),
    ).toBe(true);
    await admin.unsafe("alter table doc_updates_unavailable rename to doc_updates");
    await admin.end();
    await waitUntil(() => client.provider.synced, "sync once the log is readable", 60_000);
    expect(seenAtSync[0]).toBe(before.text);
    for (let i = 0; i < 10; i++) client.typeOne();
    const final = await settle([client], "new edits stored");
    expect(exactlyOnce(final, [...before.tokens, ...client.typed.keys()])).toEqual([]);
    expect(await storedText(db.url, db.fixture.sectionId)).toBe(final);
    client.destroy();
    await node.stop();
    await db.handle.close();
  });
});
