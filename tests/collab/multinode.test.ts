import { beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import * as Y from "yjs";
import { sections } from "#db/schema/index.ts";
import { PostgresStorage } from "#server/docs/postgres.ts";
import {
  connectClient,
  storedDoc,
  synced,
  useCollabServer,
  waitFor,
  type TestServer,
} from "./helpers.ts";

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)("two nodes sharing documents through Redis", () => {
  const env = useCollabServer({}, redisUrl);
  let nodes: [TestServer, TestServer];

  beforeAll(async () => {
    nodes = [env.server, await env.startServer({}, undefined, redisUrl)];
  });

  async function freshSection(): Promise<string> {
    const [row] = await env.db
      .insert(sections)
      .values({ consultationId: env.fixture.consultationId, title: "Verteilt", position: 5 })
      .returning();
    return row.id;
  }

  it("clients on different nodes converge and the stored state equals theirs", async () => {
    const sectionId = await freshSection();
    const a = connectClient(nodes[0], sectionId, env.fixture.cookies.editor);
    const b = connectClient(nodes[1], sectionId, env.fixture.cookies.editor2);
    await Promise.all([synced(a), synced(b)]);
    a.text.insert(0, "Knoten A ");
    b.text.insert(0, "Knoten B ");
    await waitFor(
      () => a.text.toString() === b.text.toString() && a.text.length === 18,
      "convergence across nodes",
    );
    await waitFor(
      () => a.stored.at(-1) === a.writesSent() && b.stored.at(-1) === b.writesSent(),
      "both confirmed",
    );
    const stored = await storedDoc(env.db, sectionId);
    expect(stored.getText("body").toString()).toBe(a.text.toString());
    a.destroy();
    b.destroy();
  });

  it("awareness crosses nodes with the server's identity and stays owned by its node", async () => {
    const sectionId = await freshSection();
    const a = connectClient(nodes[0], sectionId, env.fixture.cookies.editor);
    const b = connectClient(nodes[1], sectionId, env.fixture.cookies.contributor);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField("cursor", { index: 2 });
    const aOnB = () => b.provider.awareness.getStates().get(a.doc.clientID);
    await waitFor(() => aOnB()?.cursor?.index === 2, "a's cursor on node B");
    expect(aOnB()?.user.name).toBe(env.fixture.names.editor);
    a.destroy();
    await waitFor(() => aOnB() === undefined, "a's state removed on node B after it left");
    b.destroy();
  });

  it("after the Redis connections drop, nodes catch up from the log and converge again", async () => {
    const sectionId = await freshSection();
    const a = connectClient(nodes[0], sectionId, env.fixture.cookies.editor);
    const b = connectClient(nodes[1], sectionId, env.fixture.cookies.editor2);
    await Promise.all([synced(a), synced(b)]);
    a.text.insert(0, "vorher");
    await waitFor(() => b.text.toString() === "vorher", "initial convergence");

    // A row whose announcement was lost: written to the log without any message.
    const lost = new Y.Doc();
    Y.applyUpdate(lost, Y.encodeStateAsUpdate(a.doc));
    lost.getText("body").insert(6, " verloren");
    await new PostgresStorage(env.db).append(sectionId, [
      { update: Y.encodeStateAsUpdate(lost, Y.encodeStateVector(a.doc)), userId: null },
    ]);

    const admin = new Redis(redisUrl!);
    try {
      const list = String(await admin.client("LIST"));
      const ids = [...list.matchAll(/id=(\d+) .*name=ratschlag-collab-/g)].map((m) => m[1]);
      expect(ids.length).toBeGreaterThanOrEqual(4);
      for (const id of ids) await admin.client("KILL", "ID", id);
    } finally {
      admin.disconnect();
    }
    await waitFor(
      () => a.text.toString() === "vorher verloren" && b.text.toString() === "vorher verloren",
      "catch-up on both nodes",
    );
    b.text.insert(b.text.length, " danach");
    await waitFor(() => a.text.toString() === "vorher verloren danach", "live again");
    a.destroy();
    b.destroy();
  });
});
