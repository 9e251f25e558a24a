import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { docSnapshots, docUpdates, sections } from "#db/schema/index.ts";
import { PostgresStorage } from "#server/docs/postgres.ts";
import { MemoryStorage, type DocStorage } from "#server/docs/storage.ts";
import { connectClient, storedDoc, synced, useCollabServer, waitFor } from "./helpers.ts";

/** The file's database and fixture; the compaction test's server compacts after five rows. */
const env = useCollabServer({ compactAfterRows: 5 });

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText("body").toString();
}

/** Three successive edits as separate updates, like three group commits. */
function edits(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  doc.getText("body").insert(0, "eins");
  doc.getText("body").insert(4, " zwei");
  doc.getText("body").insert(9, " drei");
  return updates;
}

const storages: [string, () => DocStorage][] = [
  ["MemoryStorage", () => new MemoryStorage()],
  ["PostgresStorage", () => new PostgresStorage(env.db)],
];

describe.each(storages)("%s", (_name, make) => {
  it("loads what was appended, in order", async () => {
    const storage = make();
    const doc = `doc-${Math.random()}`;
    const [a, b, c] = edits();
    const firstId = await storage.append(doc, [{ update: a, userId: null }]);
    const lastId = await storage.append(doc, [
      { update: b, userId: null },
      { update: c, userId: env.fixture.users.editor },
    ]);
    expect(lastId).toBeGreaterThan(firstId);
    const loaded = await storage.load(doc);
    expect(loaded).toMatchObject({ lastId, rowCount: 3 });
    expect(textOf(loaded.updates)).toBe("eins zwei drei");
    expect((await storage.load("nothing-here")).updates).toEqual([]);
  });

  it("compaction folds rows missing from the given state instead of losing them", async () => {
    const storage = make();
    const doc = `doc-${Math.random()}`;
    const [a, b, c] = edits();
    await storage.append(doc, [{ update: a, userId: null }]);
    const upTo = await storage.append(doc, [{ update: b, userId: null }]);
    // The caller's state only knows the first edit (e.g. another node wrote the second).
    await storage.compact(doc, a, upTo);
    await storage.append(doc, [{ update: c, userId: null }]);
    const loaded = await storage.load(doc);
    expect(loaded.rowCount).toBe(1);
    expect(textOf(loaded.updates)).toBe("eins zwei drei");
    // A second compaction keeps the first snapshot's content too.
    await storage.compact(doc, new Uint8Array([0, 0]), loaded.lastId);
    const again = await storage.load(doc);
    expect(again.rowCount).toBe(0);
    expect(textOf(again.updates)).toBe("eins zwei drei");
  });
});

describe("compaction through the server", () => {
  it("folds the log into a snapshot after enough rows; the document is unchanged", async () => {
    const [section] = await env.db
      .insert(sections)
      .values({ consultationId: env.fixture.consultationId, title: "Viele Zeilen", position: 3 })
      .returning();
    const client = connectClient(env.server, section.id, env.fixture.cookies.editor);
    await synced(client);
    for (let i = 0; i < 12; i++) {
      client.text.insert(client.text.length, `${i} `);
      // One confirmed write at a time, so each becomes its own log row.
      await waitFor(() => client.stored.at(-1) === client.writesSent(), `edit ${i} stored`);
    }
    const snapshots = await env.db
      .select()
      .from(docSnapshots)
      .where(eq(docSnapshots.docName, section.id));
    expect(snapshots).toHaveLength(1);
    const rows = await env.db
      .select({ id: docUpdates.id })
      .from(docUpdates)
      .where(eq(docUpdates.docName, section.id));
    expect(rows.length).toBeLessThanOrEqual(6);
    const stored = await storedDoc(env.db, section.id);
    expect(stored.getText("body").toString()).toBe(client.text.toString());
    client.destroy();
  });
});
