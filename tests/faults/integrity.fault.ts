import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXTENSION_QUERY } from "#testkit/collab.ts";
import { eq } from "drizzle-orm";
import WebSocket from "ws";
import * as Y from "yjs";
import { sections } from "#db/schema/index.ts";
import { CLOSE_MALFORMED, SYNC_UPDATE, syncFrame } from "#common/collab-protocol.ts";
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
  ORIGIN,
  prng,
  settle,
  startNode,
  storedText,
  tokensOf,
  Typist,
  typists,
  type CollabNode,
  type FaultDatabase,
} from "./support.ts";

/**
 * Issue 10: "stored" under permission races and hostile updates. The oracle of both scenarios:
 * every token the server confirmed is, exactly once, in the document a fresh client gets after
 * the room unloaded (and in the database).
 */

let pg: PrivatePostgres;
const nodes: CollabNode[] = [];
const clients: Typist[] = [];

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const n of nodes) await n.kill9();
  await pg?.destroy();
});

async function node(databaseUrl: string, options: Record<string, unknown>): Promise<CollabNode> {
  const started = await startNode({ databaseUrl, options });
  nodes.push(started);
  return started;
}

/** The text a fresh client reads once the room was unloaded. */
async function freshRead(n: CollabNode, db: FaultDatabase): Promise<string> {
  await waitUntil(async () => (await n.stats()).rooms === 0, "room unloaded", 30_000);
  const reader = new Typist(n.url, db.fixture.sectionId, db.fixture.cookies.observer, "r", 1);
  clients.push(reader);
  await waitUntil(() => reader.provider.synced, "fresh client synced", 30_000);
  const text = reader.text.toString();
  reader.destroy();
  return text;
}

function expectConfirmedOnce(text: string, list: Typist[]): void {
  const counts = new Map<string, number>();
  for (const token of tokensOf(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  const missing = list.flatMap((t) => t.confirmed()).filter((token) => counts.get(token) !== 1);
  expect(missing, "confirmed tokens missing or duplicated").toEqual([]);
}

describe.skipIf(!privatePostgresAvailable())("issue 10: stored under races", () => {
  beforeAll(async () => {
    pg = await startPrivatePostgres();
  });

  it("(h) locks and unlocks while four editors type: every confirmed token survives the unload", async () => {
    const db = await createFaultDatabase(pg.createDatabase);
    // Permission checks every 150 ms: the lock lands between writes at random moments.
    const n = await node(db.url, { sessionCheckMs: 150 });
    const list = await typists(n.url, db.fixture, 4, "g");
    clients.push(...list);
    for (const t of list) t.start(15);
    const random = prng(42);
    const setLocked = (locked: boolean) =>
      db.handle.db.update(sections).set({ locked }).where(eq(sections.id, db.fixture.sectionId));
    for (let round = 0; round < 6; round++) {
      await sleep(150 + Math.floor(random() * 250));
      await setLocked(true);
      await sleep(150 + Math.floor(random() * 350));
      await setLocked(false);
    }
    await sleep(300);
    for (const t of list) t.stop();
    const final = await settle(list, "every write confirmed after the last unlock");
    expect(exactlyOnce(final, allTyped(list))).toEqual([]);
    const drops = n.logs().filter((l) => /read-only/.test(String(l.msg))).length;
    expect(drops, "the race dropped writes at least once").toBeGreaterThan(0);
    for (const t of list) t.destroy();
    const fresh = await freshRead(n, db);
    expectConfirmedOnce(fresh, list);
    expect(fresh).toBe(final);
    expect(await storedText(db.url, db.fixture.sectionId)).toBe(final);
    await n.stop();
  });

  it("(i) a client sending updates with missing dependencies: confirms nothing of it, closes it, others unaffected", async () => {
    const db = await createFaultDatabase(pg.createDatabase);
    const n = await node(db.url, { pendingTimeoutMs: 500 });
    const list = await typists(n.url, db.fixture, 2, "h");
    clients.push(...list);
    for (const t of list) t.start(20);
    // The hostile client: the second of two dependent updates, never the first.
    const source = new Y.Doc();
    source.getText("body").insert(0, "verloren ");
    const afterFirst = Y.encodeStateVector(source);
    source.getText("body").insert(9, "abhaengig ");
    const orphan = Y.encodeStateAsUpdate(source, afterFirst);
    const hostile = new WebSocket(`${n.url}/${db.fixture.sectionId}${EXTENSION_QUERY}`, {
      headers: { origin: ORIGIN, cookie: db.fixture.cookies.editor },
    });
    const stored: Uint8Array[] = [];
    hostile.on("message", (data) => {
      const bytes = new Uint8Array(data as Buffer);
      if (bytes[0] === 100) stored.push(bytes);
    });
    const closed = new Promise<number>((resolve) => hostile.on("close", (code) => resolve(code)));
    await new Promise<void>((resolve) => hostile.on("open", () => resolve()));
    hostile.send(syncFrame(SYNC_UPDATE, orphan));
    expect(await closed).toBe(CLOSE_MALFORMED);
    expect(stored, "no confirmation for a pending update").toEqual([]);
    await sleep(300);
    for (const t of list) t.stop();
    const final = await settle(list, "typists confirmed");
    expect(exactlyOnce(final, allTyped(list))).toEqual([]);
    for (const t of list) t.destroy();
    const fresh = await freshRead(n, db);
    expectConfirmedOnce(fresh, list);
    expect(fresh).toBe(final);
    expect(fresh).not.toContain("abhaengig");
    await n.stop();
  });
});
