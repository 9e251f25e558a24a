import { describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import * as Y from "yjs";
import { docUpdates, sections } from "#db/schema/index.ts";
import { connectClient, storedDoc, synced, waitFor, useCollabServer } from "./helpers.ts";

const env = useCollabServer();

async function freshSection(): Promise<string> {
  const [row] = await env.db
    .insert(sections)
    .values({ consultationId: env.fixture.consultationId, title: "Edit", position: 9 })
    .returning();
  return row.id;
}

describe("collab: server-side edits", () => {
  it("reaches connected clients and is stored attributed to the given user", async () => {
    const sectionId = await freshSection();
    const client = connectClient(env.server, sectionId, env.fixture.cookies.editor);
    try {
      await synced(client);
      client.text.insert(0, "Hallo");
      await waitFor(
        () => (client.stored.at(-1) ?? 0) >= client.writesSent(),
        "the client's own edit is stored",
      );
      const result = await env.server.collab.editDocument(
        sectionId,
        env.fixture.users.contributor,
        (doc) => {
          doc.getText("body").insert(5, " Welt");
          return "done";
        },
      );
      expect(result).toBe("done");
      await waitFor(() => client.text.toString() === "Hallo Welt", "client sees the server edit");
      const rows = await env.db
        .select({ userId: docUpdates.userId })
        .from(docUpdates)
        .where(eq(docUpdates.docName, sectionId))
        .orderBy(asc(docUpdates.id));
      expect(rows.at(-1)?.userId).toBe(env.fixture.users.contributor);
      expect((await storedDoc(env.db, sectionId)).getText("body").toString()).toBe("Hallo Welt");
    } finally {
      client.destroy();
    }
  });

  it("loads a document nobody has open, resolves once durable and unloads it again", async () => {
    const sectionId = await freshSection();
    const seed = new Y.Doc();
    seed.getText("body").insert(0, "Alt");
    await env.db
      .insert(docUpdates)
      .values({ docName: sectionId, update: Y.encodeStateAsUpdate(seed), userId: null });
    await env.server.collab.editDocument(sectionId, env.fixture.users.editor, (doc) => {
      const text = doc.getText("body");
      text.delete(0, text.length);
      text.insert(0, "Neu");
    });
    expect((await storedDoc(env.db, sectionId)).getText("body").toString()).toBe("Neu");
    await waitFor(
      () => !env.server.collab.stats().docs.includes(sectionId),
      "the room is unloaded when idle",
    );
  });
});
