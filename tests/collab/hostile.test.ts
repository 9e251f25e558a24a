import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { sections } from "#db/schema/index.ts";
import {
  CLOSE_DOCUMENT_TOO_LARGE,
  CLOSE_FRAME_TOO_LARGE,
  CLOSE_MALFORMED,
  CLOSE_RATE_LIMITED,
  SYNC_UPDATE,
  awarenessFrame,
  syncFrame,
} from "#common/collab-protocol.ts";
import {
  connectClient,
  ORIGIN,
  rawSocket,
  storedDoc,
  synced,
  useCollabServer,
  waitFor,
  type TestClient,
} from "./helpers.ts";

const FRAME_LIMIT = 64 * 1024;
const DOCUMENT_LIMIT = 32 * 1024;

const env = useCollabServer({
  maxFrameBytes: FRAME_LIMIT,
  maxDocumentBytes: DOCUMENT_LIMIT,
  ratePerSecond: 20,
  rateBurst: 40,
});
/** Two clients in another room that must keep working whatever happens to the hostile socket. */
let bystanders: [TestClient, TestClient];

beforeAll(async () => {
  bystanders = [
    connectClient(env.server, env.fixture.otherSectionId, env.fixture.cookies.editor),
    connectClient(env.server, env.fixture.otherSectionId, env.fixture.cookies.editor2),
  ];
  await Promise.all(bystanders.map(synced));
});

afterAll(() => {
  for (const client of bystanders ?? []) client.destroy();
});

/** Edits in the bystanders' room still reach the other client and the database. */
async function bystandersStillWork(marker: string): Promise<void> {
  const [a, b] = bystanders;
  a.text.insert(a.text.length, marker);
  await waitFor(() => b.text.toString().includes(marker), `bystander sees ${marker}`);
  await waitFor(() => a.stored.at(-1) === a.writesSent(), "bystander edit stored");
  const stored = await storedDoc(env.db, env.fixture.otherSectionId);
  expect(stored.getText("body").toString()).toContain(marker);
}

async function freshSection(): Promise<string> {
  const [row] = await env.db
    .insert(sections)
    .values({ consultationId: env.fixture.consultationId, title: "Angriff", position: 7 })
    .returning();
  return row.id;
}

/** Opens an editor's raw socket to a fresh section with some stored text in it. */
async function hostileSocket(sectionId: string) {
  const socket = rawSocket(env.server, sectionId, {
    origin: ORIGIN,
    cookie: env.fixture.cookies.editor,
  });
  await socket.opened;
  return socket;
}

/** Deterministic pseudo-random bytes (a fixed LCG), so the test is the same on every run. */
function garbage(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

const malformed: [string, Uint8Array | string][] = [
  ["random bytes", garbage(200, 7)],
  ["a truncated varint", Uint8Array.of(0x80)],
  ["an unknown message type", Uint8Array.of(42)],
  ["a server-only message type", Uint8Array.of(100, 1)],
  ["an auth message", Uint8Array.of(2, 0, 0)],
  ["an unknown sync step", Uint8Array.of(0, 9, 0)],
  [
    "a sync update with a truncated payload length",
    Uint8Array.of(0, 2, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3),
  ],
  ["a sync update whose payload is garbage", syncFrame(SYNC_UPDATE, garbage(64, 99))],
  ["a valid update followed by trailing bytes", Uint8Array.of(0, 2, 2, 0, 0, 7, 7)],
  [
    "an awareness update with invalid JSON",
    awarenessFrame(
      encoding.encode((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 1234);
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, "{not json");
      }),
    ),
  ],
  ["a text frame", "hello"],
];

describe("hostile and broken clients", () => {
  it.each(malformed)(
    "closes the socket on %s with 4400; others keep working",
    async (label, data) => {
      const sectionId = await freshSection();
      const watcher = connectClient(env.server, sectionId, env.fixture.cookies.editor2);
      await synced(watcher);
      watcher.text.insert(0, "unversehrt");
      await waitFor(() => watcher.stored.at(-1) === watcher.writesSent(), "watcher text stored");
      const socket = await hostileSocket(sectionId);
      socket.ws.send(data);
      expect(await socket.closed).toBe(CLOSE_MALFORMED);
      expect(
        env.server.logs.some((l) => l.msg === "closing collab connection" && l.code === 4400),
      ).toBe(true);
      // Same room: the document is intact and still editable.
      watcher.text.insert(watcher.text.length, "!");
      await waitFor(() => watcher.stored.at(-1) === watcher.writesSent(), "watcher still stored");
      const stored = await storedDoc(env.db, sectionId);
      expect(stored.getText("body").toString()).toBe("unversehrt!");
      watcher.destroy();
      await bystandersStillWork(`[${label}]`);
    },
  );

  it("closes the socket on an oversized frame with 1009", async () => {
    const socket = await hostileSocket(await freshSection());
    socket.ws.send(new Uint8Array(FRAME_LIMIT + 1));
    expect(await socket.closed).toBe(CLOSE_FRAME_TOO_LARGE);
    await bystandersStillWork("[oversized]");
  });

  it("closes a connection that floods frames with 4429", async () => {
    const socket = await hostileSocket(await freshSection());
    const queryAwareness = Uint8Array.of(3);
    for (let i = 0; i < 1000; i++) socket.ws.send(queryAwareness);
    expect(await socket.closed).toBe(CLOSE_RATE_LIMITED);
    await bystandersStillWork("[flood]");
  });

  it("refuses updates that would grow the document beyond the limit with 4413", async () => {
    const sectionId = await freshSection();
    const writer = connectClient(env.server, sectionId, env.fixture.cookies.editor);
    await synced(writer);
    writer.text.insert(0, "klein");
    await waitFor(() => writer.stored.at(-1) === writer.writesSent(), "small edit stored");
    writer.text.insert(0, "x".repeat(DOCUMENT_LIMIT));
    await waitFor(() => writer.closeCodes.includes(CLOSE_DOCUMENT_TOO_LARGE), "close 4413");
    writer.destroy();
    const stored = await storedDoc(env.db, sectionId);
    expect(stored.getText("body").toString()).toBe("klein");
    const reader = connectClient(env.server, sectionId, env.fixture.cookies.observer);
    await synced(reader);
    expect(reader.text.toString()).toBe("klein");
    reader.destroy();
  });

  it("an update with missing dependencies does not break the room", async () => {
    const sectionId = await freshSection();
    const watcher = connectClient(env.server, sectionId, env.fixture.cookies.editor2);
    await synced(watcher);
    // The second of two updates alone refers to content the server has never seen.
    const source = new Y.Doc();
    source.getText("body").insert(0, "erst");
    const afterFirst = Y.encodeStateVector(source);
    source.getText("body").insert(4, " dann");
    const second = Y.encodeStateAsUpdate(source, afterFirst);
    const socket = await hostileSocket(sectionId);
    socket.ws.send(syncFrame(SYNC_UPDATE, second));
    watcher.text.insert(0, "geht noch");
    await waitFor(() => watcher.stored.at(-1) === watcher.writesSent(), "watcher stored");
    expect(watcher.text.toString()).toBe("geht noch");
    socket.ws.close();
    watcher.destroy();
  });
});
