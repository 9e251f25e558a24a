import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { consultationMembers, sections } from "#db/schema/index.ts";
import {
  ACCESS_REASON_WRITE_DROPPED,
  CLOSE_DOCUMENT_RESET,
  CLOSE_DOCUMENT_TOO_LARGE,
  CLOSE_MALFORMED,
  CLOSE_RATE_LIMITED,
  CLOSE_SESSION_ENDED,
  awarenessFrame,
  decodeStored,
  MESSAGE_ACCESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
  syncFrame,
} from "#common/collab-protocol.ts";
import { encodeAwarenessUpdate } from "#server/collab/awareness.ts";
import {
  connectClient,
  ORIGIN,
  rawSocket,
  storedDoc,
  synced,
  useCollabServer,
  waitFor,
  type RawSocket,
  type TestServer,
} from "./helpers.ts";

/**
 * Issue 10, items 1–4 and 10: a "stored" confirmation covers only what is applied and
 * committed, whatever a client sends and whatever happens to its permissions meanwhile. The
 * oracle throughout: every confirmed update is in a fresh client's document after the room
 * unloaded.
 */

const PENDING_LIMIT = 8 * 1024;

const env = useCollabServer({
  pendingTimeoutMs: 400,
  maxPendingBytes: PENDING_LIMIT,
  maxConnectionsPerUser: 6,
  awarenessBytesPerSecond: 8 * 1024,
  awarenessBurstBytes: 16 * 1024,
});
/** A server that trusts every valid Yjs update (no schema), to reach Yjs's own failure. */
let trusting: TestServer;

beforeAll(async () => {
  trusting = await env.startServer({ schema: null });
});

async function freshSection(): Promise<string> {
  const [row] = await env.db
    .insert(sections)
    .values({ consultationId: env.fixture.consultationId, title: "Integrität", position: 9 })
    .returning();
  return row.id;
}

async function setRole(userId: string, role: "editor" | "observer"): Promise<void> {
  await env.db
    .update(consultationMembers)
    .set({ role })
    .where(
      and(
        eq(consultationMembers.userId, userId),
        eq(consultationMembers.consultationId, env.fixture.consultationId),
      ),
    );
  await env.server.collab.refreshAccess({ userId });
}

async function setLocked(sectionId: string, locked: boolean): Promise<void> {
  await env.db.update(sections).set({ locked }).where(eq(sections.id, sectionId));
  await env.server.collab.refreshAccess({ sectionId });
}

/** The text a new client sees after every room of the section was unloaded. */
async function textAfterUnload(on: TestServer, sectionId: string): Promise<string> {
  await waitFor(() => !on.collab.stats().docs.includes(sectionId), "room unloaded");
  const fresh = connectClient(on, sectionId, env.fixture.cookies.observer);
  await synced(fresh);
  const text = fresh.text.toString();
  fresh.destroy();
  return text;
}

function awarenessOf(clientId: number, clock: number, state: Record<string, unknown>) {
  return awarenessFrame(encodeAwarenessUpdate([{ clientId, clock, state }]));
}

/** Highest "stored" seq a raw socket received, 0 when none. */
function confirmedSeq(socket: RawSocket): number {
  let seq = 0;
  for (const frame of socket.received) seq = Math.max(seq, decodeStored(frame) ?? 0);
  return seq;
}

/** Number of dropped writes the server logged for a section. */
function drops(sectionId: string): number {
  return env.server.logs.filter((l) => l.doc === sectionId && /write.*dropped/.test(l.msg)).length;
}

/** Number of "write dropped" access messages a raw socket received. */
function dropNotices(socket: RawSocket): number {
  return socket.received.filter(
    (f) => f[0] === MESSAGE_ACCESS && f[1] === 0 && f[2] === ACCESS_REASON_WRITE_DROPPED,
  ).length;
}

/** Number of sync step 1 frames (the server asking for what it lacks) a raw socket received. */
function stepOnes(socket: RawSocket): number {
  return socket.received.filter((f) => f[0] === MESSAGE_SYNC && f[1] === SYNC_STEP_1).length;
}

async function editorSocket(on: TestServer, sectionId: string): Promise<RawSocket> {
  const socket = rawSocket(on, sectionId, { origin: ORIGIN, cookie: env.fixture.cookies.editor });
  await socket.opened;
  await waitFor(() => stepOnes(socket) >= 1, "initial sync step 1");
  return socket;
}

/** Two updates of one client: the second depends on the first. */
function dependentUpdates(first: string, second: string): [Uint8Array, Uint8Array] {
  const source = new Y.Doc();
  const text = source.getText("body");
  text.insert(0, first);
  const one = Y.encodeStateAsUpdate(source);
  const afterFirst = Y.encodeStateVector(source);
  text.insert(first.length, second);
  return [one, Y.encodeStateAsUpdate(source, afterFirst)];
}

/** 20,000 blockquotes nested in the editor's fragment, and the deletion of the outermost. */
function deepNesting(): { create: Uint8Array; deleteOutermost: Uint8Array } {
  // gc off: deleting such a tree locally would overflow the stack here too.
  const source = new Y.Doc({ gc: false });
  const fragment = source.getXmlFragment("default");
  source.transact(() => {
    let element = new Y.XmlElement("blockquote");
    fragment.insert(0, [element]);
    for (let i = 0; i < 20_000; i++) {
      const child = new Y.XmlElement("blockquote");
      element.insert(0, [child]);
      element = child;
    }
  });
  const create = Y.encodeStateAsUpdate(source);
  // An update without structs whose delete set removes the outermost element (clock 0).
  const encoder = encoding.createEncoder();
  for (const n of [0, 1, source.clientID, 1, 0, 1]) encoding.writeVarUint(encoder, n);
  return { create, deleteOutermost: encoding.toUint8Array(encoder) };
}

describe("issue 10 item 1: dropped writes are never confirmed", () => {
  it("write, lock mid-flight, unlock, write: every confirmed update is stored", async () => {
    const sectionId = await freshSection();
    const editor = connectClient(env.server, sectionId, env.fixture.cookies.editor);
    await synced(editor);
    editor.text.insert(0, "A");
    await waitFor(() => editor.stored.at(-1) === editor.writesSent(), "A stored");
    await setLocked(sectionId, true);
    await waitFor(() => editor.access.at(-1) === false, "read-only");
    // The browser had not applied the lock yet: its next edits reach a read-only socket.
    editor.text.insert(1, "B");
    await waitFor(
      () => editor.accessReasons.includes(ACCESS_REASON_WRITE_DROPPED),
      "drop reported to the client",
    );
    editor.text.insert(2, "C");
    await setLocked(sectionId, false);
    await waitFor(() => editor.access.at(-1) === true, "editable again");
    editor.text.insert(3, "D");
    await waitFor(() => editor.stored.at(-1) === editor.writesSent(), "all writes confirmed");
    editor.destroy();
    expect(await textAfterUnload(env.server, sectionId)).toBe("ABCD");
    expect((await storedDoc(env.db, sectionId)).getText("body").toString()).toBe("ABCD");
  });

  it("a demotion drops writes; no confirmation covers them until the client re-sent them", async () => {
    const sectionId = await freshSection();
    const editor = connectClient(env.server, sectionId, env.fixture.cookies.editor);
    const other = connectClient(env.server, sectionId, env.fixture.cookies.editor2);
    await Promise.all([synced(editor), synced(other)]);
    editor.text.insert(0, "eins");
    await waitFor(() => editor.stored.at(-1) === editor.writesSent(), "first stored");
    const confirmedBefore = editor.stored.at(-1)!;
    await setRole(env.fixture.users.editor, "observer");
    try {
      await waitFor(() => editor.access.at(-1) === false, "read-only");
      editor.text.insert(4, " zwei");
      await waitFor(
        () => editor.accessReasons.includes(ACCESS_REASON_WRITE_DROPPED),
        "drop reported",
      );
      // Another member's commit confirms nothing past the editor's last good write.
      other.text.insert(0, ">");
      await waitFor(() => other.stored.at(-1) === other.writesSent(), "other stored");
      expect(Math.max(...editor.stored)).toBe(confirmedBefore);
    } finally {
      await setRole(env.fixture.users.editor, "editor");
    }
    // Promoted again: the server asks for what it lacks, stores it and confirms all of it.
    await waitFor(() => editor.stored.at(-1) === editor.writesSent(), "resync stored");
    await waitFor(() => other.text.toString() === ">eins zwei", "other client sees it");
    editor.destroy();
    other.destroy();
    expect(await textAfterUnload(env.server, sectionId)).toBe(">eins zwei");
  });
  it("a resync answer dropped by a second lock is asked for again after the next unlock", async () => {
    const sectionId = await freshSection();
    const [first, second] = dependentUpdates("eins", " zwei");
    const socket = await editorSocket(env.server, sectionId);
    socket.ws.send(syncFrame(SYNC_UPDATE, first));
    await waitFor(() => confirmedSeq(socket) === 1, "first confirmed");
    try {
      await setRole(env.fixture.users.editor, "observer");
      socket.ws.send(syncFrame(SYNC_UPDATE, second)); // seq 2: dropped
      await waitFor(() => dropNotices(socket) === 1 && drops(sectionId) === 1, "drop reported");
      await setRole(env.fixture.users.editor, "editor");
      await waitFor(() => stepOnes(socket) >= 2, "server asks after the first unlock");
      await setRole(env.fixture.users.editor, "observer");
      socket.ws.send(syncFrame(SYNC_STEP_2, second)); // seq 3: the answer, dropped again
      await waitFor(() => drops(sectionId) === 2, "second drop logged");
      await setRole(env.fixture.users.editor, "editor");
      await waitFor(() => stepOnes(socket) >= 3, "server asks again after the second unlock");
      socket.ws.send(syncFrame(SYNC_STEP_2, second)); // seq 4: the answer that is stored
      await waitFor(() => confirmedSeq(socket) === 4, "everything confirmed");
    } finally {
      await setRole(env.fixture.users.editor, "editor");
    }
    socket.ws.close();
    expect(await textAfterUnload(env.server, sectionId)).toBe("eins zwei");
  });
});

describe("issue 10 item 1: read-only clients", () => {
  it("an observer's sync answer that brings nothing new is no dropped write", async () => {
    const sectionId = await freshSection();
    const editor = connectClient(env.server, sectionId, env.fixture.cookies.editor);
    await synced(editor);
    editor.text.insert(0, "Text mit ");
    editor.text.insert(9, "Löschung");
    editor.text.delete(0, 4);
    await waitFor(() => editor.stored.at(-1) === editor.writesSent(), "editor stored");
    const observer = connectClient(env.server, sectionId, env.fixture.cookies.observer);
    await synced(observer);
    // The observer's step 2 carries its whole delete set, all of it known to the server.
    await waitFor(() => observer.writesSent() >= 1, "observer answered the sync");
    await waitFor(() => observer.stored.at(-1) === observer.writesSent(), "answer confirmed");
    expect(observer.accessReasons).not.toContain(ACCESS_REASON_WRITE_DROPPED);
    expect(drops(sectionId)).toBe(0);
    editor.destroy();
    observer.destroy();
  });
});

describe("issue 10 item 2: pending updates", () => {
  it("is not confirmed, asks the client for what is missing, and confirms once resolved", async () => {
    const sectionId = await freshSection();
    const [first, second] = dependentUpdates("erst", " dann");
    const socket = await editorSocket(env.server, sectionId);
    socket.ws.send(syncFrame(SYNC_UPDATE, second));
    await waitFor(() => stepOnes(socket) >= 2, "server asks for the missing update");
    expect(confirmedSeq(socket)).toBe(0);
    socket.ws.send(syncFrame(SYNC_UPDATE, first));
    await waitFor(() => confirmedSeq(socket) === 2, "both confirmed once resolved");
    socket.ws.close();
    expect(await textAfterUnload(env.server, sectionId)).toBe("erst dann");
  });

  it("closes a socket whose missing updates never arrive, and forgets what it left", async () => {
    const sectionId = await freshSection();
    const watcher = connectClient(env.server, sectionId, env.fixture.cookies.editor2);
    await synced(watcher);
    const [, second] = dependentUpdates("nie", " gesehen");
    const socket = await editorSocket(env.server, sectionId);
    socket.ws.send(syncFrame(SYNC_UPDATE, second));
    expect(await socket.closed).toBe(CLOSE_MALFORMED);
    expect(confirmedSeq(socket)).toBe(0);
    watcher.text.insert(0, "weiter");
    await waitFor(() => watcher.stored.at(-1) === watcher.writesSent(), "watcher stored");
    watcher.destroy();
    expect(await textAfterUnload(env.server, sectionId)).toBe("weiter");
  });

  it("counts pending bytes against a bound and closes with 4413 beyond it", async () => {
    const sectionId = await freshSection();
    const [, second] = dependentUpdates("x", "y".repeat(PENDING_LIMIT * 2));
    const socket = await editorSocket(env.server, sectionId);
    socket.ws.send(syncFrame(SYNC_UPDATE, second));
    expect(await socket.closed).toBe(CLOSE_DOCUMENT_TOO_LARGE);
    expect(confirmedSeq(socket)).toBe(0);
  });
});

describe("issue 10 item 3: updates outside the editor's schema", () => {
  async function refused(update: Uint8Array): Promise<void> {
    const sectionId = await freshSection();
    const watcher = connectClient(env.server, sectionId, env.fixture.cookies.editor2);
    await synced(watcher);
    watcher.text.insert(0, "heil");
    await waitFor(() => watcher.stored.at(-1) === watcher.writesSent(), "watcher stored");
    const socket = await editorSocket(env.server, sectionId);
    socket.ws.send(syncFrame(SYNC_UPDATE, update));
    expect(await socket.closed).toBe(CLOSE_MALFORMED);
    expect(confirmedSeq(socket)).toBe(0);
    // The room goes on: a later edit is confirmed and stored, the refused one is not.
    watcher.text.insert(4, "!");
    await waitFor(() => watcher.stored.at(-1) === watcher.writesSent(), "watcher still stored");
    const stored = await storedDoc(env.db, sectionId);
    expect(stored.getText("body").toString()).toBe("heil!");
    expect(stored.getXmlFragment("default").length).toBe(0);
    expect([...stored.share.keys()].sort()).toEqual(["body", "default"]);
    watcher.destroy();
  }

  it("refuses 20,000 nested blockquotes", async () => {
    await refused(deepNesting().create);
  });

  it("refuses node names the editor does not define", async () => {
    const source = new Y.Doc();
    source.getXmlFragment("default").insert(0, [new Y.XmlElement("script")]);
    await refused(Y.encodeStateAsUpdate(source));
  });

  it("refuses other root types and names", async () => {
    const source = new Y.Doc();
    source.getMap("fremd").set("x", "y");
    await refused(Y.encodeStateAsUpdate(source));
  });

  it("refuses plain text directly in the editor's fragment", async () => {
    const source = new Y.Doc();
    source.getText("default").insert(0, "kein Absatz");
    await refused(Y.encodeStateAsUpdate(source));
  });

  it("accepts what the editor writes", async () => {
    const sectionId = await freshSection();
    const source = new Y.Doc();
    const paragraph = new Y.XmlElement("paragraph");
    const heading = new Y.XmlElement("heading");
    source.getXmlFragment("default").insert(0, [heading, paragraph]);
    heading.setAttribute("level", 2 as unknown as string);
    heading.insert(0, [new Y.XmlText("Ziele")]);
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    text.insert(0, "Offene Standards", { bold: true });
    const socket = await editorSocket(env.server, sectionId);
    socket.ws.send(syncFrame(SYNC_UPDATE, Y.encodeStateAsUpdate(source)));
    // Typing into the existing paragraph refers to parents the server already has.
    const before = Y.encodeStateVector(source);
    text.insert(16, " zuerst");
    socket.ws.send(syncFrame(SYNC_UPDATE, Y.encodeStateAsUpdate(source, before)));
    await waitFor(() => confirmedSeq(socket) === 2, "both confirmed");
    socket.ws.close();
    const stored = await storedDoc(env.db, sectionId);
    expect(stored.getXmlFragment("default").toString()).toBe(
      source.getXmlFragment("default").toString(),
    );
  });
});

describe("issue 10 item 3: a room whose Yjs failed", () => {
  it("confirms nothing more, resets with 4500 and reloads; confirmed edits survive", async () => {
    const sectionId = await freshSection();
    const watcher = connectClient(trusting, sectionId, env.fixture.cookies.editor2);
    await synced(watcher);
    watcher.text.insert(0, "vorher");
    await waitFor(() => watcher.stored.at(-1) === watcher.writesSent(), "watcher stored");
    const { create, deleteOutermost } = deepNesting();
    const socket = await editorSocket(trusting, sectionId);
    socket.ws.send(syncFrame(SYNC_UPDATE, create));
    await waitFor(() => confirmedSeq(socket) === 1, "nesting stored (no schema here)");
    socket.ws.send(syncFrame(SYNC_UPDATE, deleteOutermost));
    expect(await socket.closed).toBe(CLOSE_DOCUMENT_RESET);
    expect(confirmedSeq(socket)).toBe(1);
    await waitFor(() => watcher.closeCodes.includes(CLOSE_DOCUMENT_RESET), "watcher reset");
    expect(
      trusting.logs.some(
        (l) => l.level >= 50 && l.doc === sectionId && /Yjs failed/.test(String(l.msg)),
      ),
    ).toBe(true);
    // The watcher reconnects to a reloaded room; what it writes now is confirmed and stored.
    await synced(watcher);
    await waitFor(() => watcher.provider.wsconnected, "watcher reconnected");
    watcher.text.insert(watcher.text.length, " nachher");
    await waitFor(
      () => watcher.writesSent() > 0 && watcher.stored.at(-1) === watcher.writesSent(),
      "watcher stored after the reset",
    );
    watcher.destroy();
    expect(await textAfterUnload(trusting, sectionId)).toBe("vorher nachher");
  });
});

describe("issue 10 item 4: presence abuse", () => {
  it("closes a socket that sets an oversized awareness state with 4413", async () => {
    const sectionId = await freshSection();
    const socket = rawSocket(env.server, sectionId, {
      origin: ORIGIN,
      cookie: env.fixture.cookies.observer,
    });
    await socket.opened;
    socket.ws.send(awarenessOf(777, 1, { cursor: "x".repeat(64 * 1024) }));
    expect(await socket.closed).toBe(CLOSE_DOCUMENT_TOO_LARGE);
  });

  it("closes a socket that exceeds the awareness byte rate with 4429", async () => {
    const sectionId = await freshSection();
    const watcher = connectClient(env.server, sectionId, env.fixture.cookies.editor2);
    await synced(watcher);
    const socket = rawSocket(env.server, sectionId, {
      origin: ORIGIN,
      cookie: env.fixture.cookies.observer,
    });
    await socket.opened;
    for (let clock = 1; clock <= 40; clock++) {
      socket.ws.send(awarenessOf(778, clock, { cursor: "y".repeat(3000) }));
    }
    expect(await socket.closed).toBe(CLOSE_RATE_LIMITED);
    expect(watcher.provider.wsconnected).toBe(true);
    watcher.destroy();
  });

  it("refuses more sockets per user than allowed with 429", async () => {
    const sectionId = await freshSection();
    const open: RawSocket[] = [];
    for (let i = 0; i < 6; i++) {
      const socket = rawSocket(env.server, sectionId, {
        origin: ORIGIN,
        cookie: env.fixture.cookies.contributor,
      });
      await socket.opened;
      open.push(socket);
    }
    await waitFor(() => env.server.collab.stats().connections >= 6, "six sockets open");
    const extra = rawSocket(env.server, sectionId, {
      origin: ORIGIN,
      cookie: env.fixture.cookies.contributor,
    });
    expect(await extra.refused).toBe(429);
    for (const socket of open) socket.ws.close();
  });
});

describe("issue 10 item 10: ending a session ends its sockets", () => {
  it("closes the session's sockets at once with 4401, others stay", async () => {
    const sectionId = await freshSection();
    const ended = connectClient(env.server, sectionId, env.fixture.cookies.editor);
    const stays = connectClient(env.server, sectionId, env.fixture.cookies.editor2);
    await Promise.all([synced(ended), synced(stays)]);
    const sessionId = env.fixture.cookies.editor.split("=")[1].split(".")[0];
    env.server.collab.endSessions({ sessionId });
    await waitFor(() => ended.closeCodes.includes(CLOSE_SESSION_ENDED), "closed with 4401");
    expect(stays.closeCodes).toEqual([]);
    env.server.collab.endSessions({ userId: env.fixture.users.editor2 });
    await waitFor(() => stays.closeCodes.includes(CLOSE_SESSION_ENDED), "user's sockets closed");
    ended.destroy();
    stays.destroy();
  });
});
