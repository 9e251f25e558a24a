import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import * as Y from "yjs";
import type { DatabaseHandle } from "#db/client.ts";
import { docUpdates, sections } from "#db/schema/index.ts";
import {
  connectClient,
  createFixture,
  createTestDatabase,
  startServer,
  storedDoc,
  synced,
  waitFor,
  type Fixture,
  type TestServer,
} from "./helpers.ts";

let database: DatabaseHandle;
let fixture: Fixture;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await createFixture(database.db);
  server = await startServer(database.db);
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

async function freshSection(): Promise<string> {
  const [row] = await database.db
    .insert(sections)
    .values({ consultationId: fixture.consultationId, title: "Edit", position: 9 })
    .returning();
  return row.id;
}

describe("collab: server-side edits", () => {
  it("reaches connected clients and is stored attributed to the given user", async () => {
    const sectionId = await freshSection();
    const client = connectClient(server, sectionId, fixture.cookies.editor);
    try {
      await synced(client);
      client.text.insert(0, "Hallo");
      await waitFor(
        () => (client.stored.at(-1) ?? 0) >= client.writesSent(),
        "the client's own edit is stored",
      );
      const result = await server.collab.editDocument(
        sectionId,
        fixture.users.contributor,
        (doc) => {
          doc.getText("body").insert(5, " Welt");
          return "done";
        },
      );
      expect(result).toBe("done");
      await waitFor(() => client.text.toString() === "Hallo Welt", "client sees the server edit");
      const rows = await database.db
        .select({ userId: docUpdates.userId })
        .from(docUpdates)
        .where(eq(docUpdates.docName, sectionId))
        .orderBy(asc(docUpdates.id));
      expect(rows.at(-1)?.userId).toBe(fixture.users.contributor);
      expect((await storedDoc(database.db, sectionId)).getText("body").toString()).toBe(
        "Hallo Welt",
      );
    } finally {
      client.destroy();
    }
  });

  it("loads a document nobody has open, resolves once durable and unloads it again", async () => {
    const sectionId = await freshSection();
    const seed = new Y.Doc();
    seed.getText("body").insert(0, "Alt");
    await database.db
      .insert(docUpdates)
      .values({ docName: sectionId, update: Y.encodeStateAsUpdate(seed), userId: null });
    await server.collab.editDocument(sectionId, fixture.users.editor, (doc) => {
      const text = doc.getText("body");
      text.delete(0, text.length);
      text.insert(0, "Neu");
    });
    expect((await storedDoc(database.db, sectionId)).getText("body").toString()).toBe("Neu");
    await waitFor(
      () => !server.collab.stats().docs.includes(sectionId),
      "the room is unloaded when idle",
    );
  });
});
