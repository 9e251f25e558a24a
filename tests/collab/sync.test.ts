import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as Y from "yjs";
import { consultationMembers } from "#db/schema/index.ts";
import { PostgresStorage } from "#server/docs/postgres.ts";
import type { DocStorage, LogEntry } from "#server/docs/storage.ts";
import { CLOSE_INTERNAL_ERROR, CLOSE_SERVER_RESTART } from "#common/collab-protocol.ts";
import {
  connectClient,
  storedBytes,
  storedDoc,
  synced,
  waitFor,
  useCollabServer,
} from "./helpers.ts";

const env = useCollabServer();

/** A fresh section id per test, so tests do not see each other's text. */
async function freshSection(): Promise<string> {
  const { sections } = await import("#db/schema/index.ts");
  const [row] = await env.db
    .insert(sections)
    .values({ consultationId: env.fixture.consultationId, title: "Test", position: 9 })
    .returning();
  return row.id;
}

/** Storage whose loads wait for `release()` and whose appends fail while `broken`. */
class ControlledStorage implements DocStorage {
  loads = 0;
  failedAppends = 0;
  /** The next this-many loads fail. */
  failLoads = 0;
  broken = false;
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => {};
  constructor(private readonly inner: DocStorage) {}
  holdLoads(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release(): void {
    this.open();
  }
  async load(docName: string) {
    this.loads++;
    await this.gate;
    if (this.failLoads > 0) {
      this.failLoads--;
      throw new Error("database unavailable (test)");
    }
    return this.inner.load(docName);
  }
  async append(docName: string, entries: LogEntry[]) {
    if (this.broken) {
      this.failedAppends++;
      throw new Error("database unavailable (test)");
    }
    return this.inner.append(docName, entries);
  }
  compact(docName: string, state: Uint8Array, upToId: number) {
    return this.inner.compact(docName, state, upToId);
  }
  state(docName: string) {
    return this.inner.state(docName);
  }
  states(docNames: string[]) {
    return this.inner.states(docNames);
  }
}

describe("sync and durability", () => {
  it("two clients converge and the stored state equals the client state", async () => {
    const sectionId = await freshSection();
    const a = connectClient(env.server, sectionId, env.fixture.cookies.editor);
    const b = connectClient(env.server, sectionId, env.fixture.cookies.editor2);
    await Promise.all([synced(a), synced(b)]);
    // Concurrent edits at the same position: both clients type before seeing the other.
    a.text.insert(0, "Klimaschutz ");
    b.text.insert(0, "bis 2035 ");
    a.text.insert(a.text.length, "für alle.");
    await waitFor(
      () => a.text.toString() === b.text.toString() && a.text.length === 30,
      "convergence",
    );
    await waitFor(
      () =>
        a.stored.at(-1) === a.writesSent() &&
        b.stored.at(-1) === b.writesSent() &&
        a.writesSent() > 0,
      "stored confirmations for every write",
    );
    const stored = await storedDoc(env.db, sectionId);
    expect(stored.getText("body").toString()).toBe(a.text.toString());
    expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(a.doc));
    a.destroy();
    b.destroy();
  });

  it("sends 'stored' only after the update's row is in the database", async () => {
    const sectionId = await freshSection();
    const client = connectClient(env.server, sectionId, env.fixture.cookies.editor);
    await synced(client);
    const seenAtConfirmation: string[] = [];
    const original = client.provider.messageHandlers[100];
    client.provider.messageHandlers[100] = (...args) => {
      original(...args);
      // Read the database the moment the confirmation arrives.
      seenAtConfirmation.push("pending");
      const index = seenAtConfirmation.length - 1;
      void storedDoc(env.db, sectionId).then((doc) => {
        seenAtConfirmation[index] = doc.getText("body").toString();
      });
    };
    client.text.insert(0, "Gespeichert?");
    await waitFor(() => seenAtConfirmation.some((t) => t !== "pending"), "confirmation");
    expect(seenAtConfirmation.find((t) => t !== "pending")).toBe("Gespeichert?");
    client.destroy();
  });

  it("keeps updates in memory while the database fails and confirms only after it recovers", async () => {
    const storage = new ControlledStorage(new PostgresStorage(env.db));
    const flaky = await env.startServer({ retryBaseMs: 5, retryMaxMs: 20 }, storage);
    const sectionId = await freshSection();
    const client = connectClient(flaky, sectionId, env.fixture.cookies.editor);
    const reader = connectClient(flaky, sectionId, env.fixture.cookies.observer);
    await Promise.all([synced(client), synced(reader)]);
    // The initial sync step 2 changes nothing and is confirmed at once.
    await waitFor(() => client.stored.at(-1) === client.writesSent(), "initial confirmation");
    const confirmed = [...client.stored];
    storage.broken = true;
    client.text.insert(0, "trotz Ausfall");
    await waitFor(() => storage.failedAppends >= 3, "several failed attempts");
    // Other clients keep seeing the edit, but nothing is claimed to be stored.
    expect(reader.text.toString()).toBe("trotz Ausfall");
    expect(client.stored).toEqual(confirmed);
    expect(
      flaky.logs.some((l) => l.level === 50 && /storing collab updates failed/.test(l.msg)),
    ).toBe(true);
    client.text.insert(client.text.length, " weiter");
    storage.broken = false;
    await waitFor(
      () => client.stored.at(-1) === client.writesSent(),
      "confirmation after recovery",
    );
    const stored = await storedDoc(env.db, sectionId);
    expect(stored.getText("body").toString()).toBe("trotz Ausfall weiter");
    client.destroy();
    reader.destroy();
    await flaky.stop();
  });

  it("a client joining a document with stored content never observes it empty", async () => {
    const sectionId = await freshSection();
    const seed = new Y.Doc();
    seed.getText("body").insert(0, "Bestehender Text");
    await new PostgresStorage(env.db).append(sectionId, [
      { update: Y.encodeStateAsUpdate(seed), userId: null },
    ]);
    const storage = new ControlledStorage(new PostgresStorage(env.db));
    const slow = await env.startServer({}, storage);
    storage.holdLoads();
    const first = connectClient(slow, sectionId, env.fixture.cookies.editor);
    const second = connectClient(slow, sectionId, env.fixture.cookies.observer);
    const atSync: string[] = [];
    for (const client of [first, second]) {
      client.provider.on("sync", (state: boolean) => {
        if (state) atSync.push(client.text.toString());
      });
    }
    await waitFor(() => slow.collab.stats().connections === 2, "both sockets open");
    expect(first.provider.synced || second.provider.synced).toBe(false);
    storage.release();
    await Promise.all([synced(first), synced(second)]);
    expect(atSync).toEqual(["Bestehender Text", "Bestehender Text"]);
    // Concurrent first connections share one load.
    expect(storage.loads).toBe(1);
    first.destroy();
    second.destroy();
    await slow.stop();
  });

  it("a failed load closes the sockets with 1011 and the reconnecting client gets the document", async () => {
    const sectionId = await freshSection();
    const seed = new Y.Doc();
    seed.getText("body").insert(0, "nach dem Fehler");
    await new PostgresStorage(env.db).append(sectionId, [
      { update: Y.encodeStateAsUpdate(seed), userId: null },
    ]);
    const storage = new ControlledStorage(new PostgresStorage(env.db));
    storage.failLoads = 1;
    const failing = await env.startServer({}, storage);
    const client = connectClient(failing, sectionId, env.fixture.cookies.editor);
    const atSync: string[] = [];
    client.provider.on("sync", (state: boolean) => {
      if (state) atSync.push(client.text.toString());
    });
    await waitFor(() => client.closeCodes.includes(CLOSE_INTERNAL_ERROR), "close 1011");
    await synced(client);
    expect(atSync).toEqual(["nach dem Fehler"]);
    expect(storage.loads).toBe(2);
    client.destroy();
    await failing.stop();
  });

  it("drops an observer's updates and leaves the stored document byte-identical", async () => {
    const sectionId = await freshSection();
    const editor = connectClient(env.server, sectionId, env.fixture.cookies.editor);
    await synced(editor);
    editor.text.insert(0, "Original");
    await waitFor(() => editor.stored.at(-1) === editor.writesSent(), "editor's text stored");
    const before = await storedBytes(env.db, sectionId);

    const observer = connectClient(env.server, sectionId, env.fixture.cookies.observer);
    await synced(observer);
    const dropsBefore = env.server.logs.filter((l) => /read-only/.test(l.msg)).length;
    observer.text.insert(0, "Eingeschleust ");
    await waitFor(
      () => env.server.logs.filter((l) => /read-only/.test(l.msg)).length > dropsBefore,
      "drop logged",
    );
    const probeClient = connectClient(env.server, sectionId, env.fixture.cookies.editor2);
    await synced(probeClient);
    expect(probeClient.text.toString()).toBe("Original");
    expect(editor.text.toString()).toBe("Original");
    // Its sync answer (which brought nothing) may be confirmed; the dropped insert never is.
    expect(Math.max(0, ...observer.stored)).toBeLessThan(observer.writesSent());
    expect(await storedBytes(env.db, sectionId)).toBe(before);
    for (const c of [editor, observer, probeClient]) c.destroy();
  });

  it("demoting an editor to observer while connected drops their further updates", async () => {
    const sectionId = await freshSection();
    const editor = connectClient(env.server, sectionId, env.fixture.cookies.editor2);
    const watcher = connectClient(env.server, sectionId, env.fixture.cookies.editor);
    await Promise.all([synced(editor), synced(watcher)]);
    editor.text.insert(0, "vorher");
    await waitFor(() => watcher.text.toString() === "vorher", "edit before demotion");
    await env.db
      .update(consultationMembers)
      .set({ role: "observer" })
      .where(
        and(
          eq(consultationMembers.userId, env.fixture.users.editor2),
          eq(consultationMembers.consultationId, env.fixture.consultationId),
        ),
      );
    try {
      await env.server.collab.refreshAccess({ consultationId: env.fixture.consultationId });
      await waitFor(() => editor.access.at(-1) === false, "read-only notice");
      await waitFor(() => editor.stored.at(-1) === editor.writesSent(), "earlier edit stored");
      const before = await storedBytes(env.db, sectionId);
      const drops = env.server.logs.filter((l) => /read-only/.test(l.msg)).length;
      editor.text.insert(0, "nachher ");
      await waitFor(
        () => env.server.logs.filter((l) => /read-only/.test(l.msg)).length > drops,
        "drop logged",
      );
      watcher.text.insert(watcher.text.length, "!");
      await waitFor(() => watcher.stored.at(-1) === watcher.writesSent(), "watcher stored");
      const stored = await storedDoc(env.db, sectionId);
      expect(stored.getText("body").toString()).toBe("vorher!");
      expect(before).not.toBe(await storedBytes(env.db, sectionId));
    } finally {
      await env.db
        .update(consultationMembers)
        .set({ role: "editor" })
        .where(eq(consultationMembers.userId, env.fixture.users.editor2));
      editor.destroy();
      watcher.destroy();
    }
  });

  it("unloads a room after the last client leaves and reloads it from storage", async () => {
    const sectionId = await freshSection();
    const client = connectClient(env.server, sectionId, env.fixture.cookies.editor);
    await synced(client);
    client.text.insert(0, "bleibt");
    await waitFor(() => env.server.collab.stats().docs.includes(sectionId), "room loaded");
    client.destroy();
    await waitFor(() => !env.server.collab.stats().docs.includes(sectionId), "room unloaded");
    const again = connectClient(env.server, sectionId, env.fixture.cookies.observer);
    await synced(again);
    expect(again.text.toString()).toBe("bleibt");
    again.destroy();
  });

  it("close() flushes pending updates and closes sockets with 1012", async () => {
    const own = await env.startServer();
    const sectionId = await freshSection();
    const writer = connectClient(own, sectionId, env.fixture.cookies.editor);
    const reader = connectClient(own, sectionId, env.fixture.cookies.observer);
    await Promise.all([synced(writer), synced(reader)]);
    writer.text.insert(0, "vor dem Neustart");
    await waitFor(() => reader.text.toString() === "vor dem Neustart", "server has the edit");
    writer.provider.shouldConnect = false;
    reader.provider.shouldConnect = false;
    await own.stop();
    const stored = await storedDoc(env.db, sectionId);
    expect(stored.getText("body").toString()).toBe("vor dem Neustart");
    await waitFor(() => writer.closeCodes.includes(CLOSE_SERVER_RESTART), "close code 1012");
    expect(own.collab.stats()).toEqual({ rooms: 0, connections: 0, docs: [] });
    writer.destroy();
    reader.destroy();
  });
});
