import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  privatePostgresAvailable,
  sleep,
  startBalancer,
  startPrivatePostgres,
  startPrivateRedis,
  waitUntil,
  type Balancer,
  type PrivatePostgres,
  type PrivateRedis,
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
} from "./support.ts";

let pg: PrivatePostgres;
let redis: PrivateRedis | undefined;
const balancers: Balancer[] = [];
const nodes: CollabNode[] = [];
const clients: Typist[] = [];

describe.skipIf(!privatePostgresAvailable())("offline clients and multiple nodes", () => {
  beforeAll(async () => {
    pg = await startPrivatePostgres();
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const b of balancers) await b.close();
    for (const n of nodes) await n.kill9();
    await redis?.stop();
    await pg?.destroy();
  });

  it("(e) a client offline for a while merges its edits when it is back", async () => {
    const db = await createFaultDatabase(pg.createDatabase);
    const node = await startNode({ databaseUrl: db.url });
    nodes.push(node);
    const list = await typists(node.url, db.fixture, 4, "e");
    clients.push(...list);
    for (const t of list) t.start(20);
    await waitUntil(() => list.every((t) => t.confirmed().length >= 5), "edits confirmed");
    const offline = list[3];
    offline.provider.disconnect();
    const typedOnline = offline.typed.size;
    await sleep(2000);
    expect(offline.typed.size).toBeGreaterThan(typedOnline);
    offline.provider.connect();
    await waitUntil(() => offline.provider.synced, "offline client back");
    await sleep(300);
    for (const t of list) t.stop();
    const final = await settle(list, "convergence after the offline client returned");
    expect(exactlyOnce(final, allTyped(list))).toEqual([]);
    expect(await storedText(db.url, db.fixture.sectionId)).toBe(final);
    for (const t of list) t.destroy();
    await node.stop();
    await db.handle.close();
  });

  it("(f) two nodes with Redis: kill -9 one, its clients move to the other, nothing lost", async () => {
    redis = await startPrivateRedis();
    const db = await createFaultDatabase(pg.createDatabase);
    const a = await startNode({ databaseUrl: db.url, redisUrl: redis.url });
    const b = await startNode({ databaseUrl: db.url, redisUrl: redis.url });
    nodes.push(a, b);
    // Two entry points as a load balancer would route them: A first, or B first.
    const toA = await startBalancer([a.port, b.port]);
    const toB = await startBalancer([b.port, a.port]);
    balancers.push(toA, toB);
    const onA = await typists(`ws://127.0.0.1:${toA.port}/collab`, db.fixture, 2, "fa");
    const onB = await typists(`ws://127.0.0.1:${toB.port}/collab`, db.fixture, 2, "fb");
    const list = [...onA, ...onB];
    clients.push(...list);
    expect(toA.chosen).toEqual([a.port, a.port]);
    expect(toB.chosen).toEqual([b.port, b.port]);
    for (const t of list) t.start(20);
    await waitUntil(() => list.every((t) => t.confirmed().length >= 10), "edits confirmed");
    // Edits cross nodes through Redis while both are up.
    const probe = onA[0].typeOne();
    await waitUntil(() => onB.every((t) => t.text.toString().includes(probe)), "fan-out A→B");
    await a.kill9();
    await waitUntil(() => onA.every((t) => t.gen >= 2 && t.provider.synced), "A's clients on B");
    expect(toA.chosen.slice(-2)).toEqual([b.port, b.port]);
    await sleep(300);
    for (const t of list) t.stop();
    const final = await settle(list, "convergence on the surviving node");
    expect(exactlyOnce(final, allTyped(list))).toEqual([]);
    expect(await storedText(db.url, db.fixture.sectionId)).toBe(final);
    for (const t of list) t.destroy();
    await b.stop();
    await db.handle.close();
  });
});
