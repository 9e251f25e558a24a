/**
 * Bounded, seeded protocol fuzzing against a running collab node (a child process): random and
 * mutated y-websocket frames plus hand-crafted hostile Yjs updates. The process must stay up,
 * another room's event loop lag must stay under 500 ms, every socket that sent garbage must be
 * closed with a protocol close code, and the fuzzed document must still load and sync.
 */
import { EXTENSION_QUERY } from "#testkit/collab.ts";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awarenessFrame, SYNC_STEP_1, SYNC_UPDATE, syncFrame } from "#common/collab-protocol.ts";
import {
  privatePostgresAvailable,
  startPrivatePostgres,
  waitUntil,
  type PrivatePostgres,
} from "#testkit/infra.ts";
import {
  createFaultDatabase,
  ORIGIN,
  prng,
  settle,
  startNode,
  storedText,
  Typist,
  typists,
  type CollabNode,
  type FaultDatabase,
} from "./support.ts";

const CASES = Number(process.env.FUZZ_CASES ?? 240);
const PARALLEL = 4;
/** Close codes that mean "the server refused this input": malformed, too large, rate, frame. */
const PROTOCOL_CODES = new Set([4400, 4413, 4429, 1009, 1002, 1007]);

let pg: PrivatePostgres;
let db: FaultDatabase;
let node: CollabNode;
const clients: Typist[] = [];

interface FuzzCase {
  label: string;
  frames: (Uint8Array | string)[];
  /** The server must close this socket (any protocol close code, or exactly this one). */
  mustClose: boolean | number;
}

type Outcome = { kind: "open" } | { kind: "closed"; code: number } | { kind: "no answer" };

/** Valid update frames from a real editing session, as material to mutate. */
function validUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(syncFrame(SYNC_UPDATE, u)));
  const text = doc.getText("body");
  for (let i = 0; i < 20; i++) text.insert(Math.floor(text.length / 2), `fuzz${i} `);
  text.delete(3, 4);
  text.format(0, 5, { bold: true });
  doc.getMap("meta").set("k", { nested: [1, 2, 3] });
  return updates;
}

/** Hand-made Yjs updates that decode badly or abuse valid structure. */
function craftedCases(): FuzzCase[] {
  const structs = (
    client: number,
    clock: number,
    writeStructs: (e: encoding.Encoder) => void,
    count = 1,
  ) =>
    encoding.encode((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, count);
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
      writeStructs(e);
      encoding.writeVarUint(e, 0); // empty delete set
    });
  // An item in root type "body": info byte = content ref | parent-info flag (no origins).
  const rootItem =
    (contentRef: number, writeContent: (e: encoding.Encoder) => void) => (e: encoding.Encoder) => {
      encoding.writeUint8(e, contentRef);
      encoding.writeVarUint(e, 1); // parent is a root type name
      encoding.writeVarString(e, "body");
      writeContent(e);
    };
  const cases: [string, Uint8Array, boolean | number][] = [
    ["struct count 2^30 without data", structs(1, 0, () => {}, 2 ** 30), 4400],
    ["client count 2^30", encoding.encode((e) => encoding.writeVarUint(e, 2 ** 30)), 4400],
    [
      "string content longer than the frame",
      structs(
        7,
        0,
        rootItem(4, (e) => encoding.writeVarUint(e, 2 ** 31)),
      ),
      4400,
    ],
    [
      "unknown content ref 31",
      structs(
        7,
        0,
        rootItem(31, () => {}),
      ),
      4400,
    ],
    [
      "deleted content of length 2^31 (valid, must not allocate)",
      structs(
        8,
        0,
        rootItem(1, (e) => encoding.writeVarUint(e, 2 ** 31)),
      ),
      false,
    ],
    [
      "item whose origin is from an unknown client (stays pending)",
      structs(9, 5, (e) => {
        encoding.writeUint8(e, 4 | 0x80); // string content with a left origin
        encoding.writeVarUint(e, 424242);
        encoding.writeVarUint(e, 17);
        encoding.writeVarString(e, "dangling");
      }),
      false,
    ],
    [
      "delete set range 2^40 on an existing client",
      encoding.encode((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 8);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2 ** 40);
      }),
      false,
    ],
    [
      "any content nested 20,000 deep",
      structs(10, 0, (e) => {
        encoding.writeUint8(e, 8 | 0x20); // ContentAny with parent info
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, "body");
        encoding.writeVarUint(e, 1);
        // lib0's "any" encoding of [[[…null…]]]: array tag 117, length 1, 20,000 levels deep.
        for (let i = 0; i < 20_000; i++) {
          encoding.writeUint8(e, 117);
          encoding.writeVarUint(e, 1);
        }
        encoding.writeUint8(e, 126);
      }),
      false,
    ],
    [
      "GC struct of length 2^50",
      structs(11, 0, (e) => {
        encoding.writeUint8(e, 0);
        encoding.writeVarUint(e, 2 ** 50);
      }),
      false,
    ],
  ];
  const out: FuzzCase[] = cases.map(([label, update, mustClose]) => ({
    label: `crafted update: ${label}`,
    frames: [syncFrame(SYNC_UPDATE, update)],
    mustClose,
  }));
  out.push(
    { label: "text frame", frames: ["hello"], mustClose: 4400 },
    { label: "auth message (type 2)", frames: [Uint8Array.of(2, 0)], mustClose: 4400 },
    { label: "stored message from a client", frames: [Uint8Array.of(100, 1)], mustClose: 4400 },
    { label: "unknown sync step 9", frames: [syncFrame(9, new Uint8Array())], mustClose: 4400 },
    { label: "truncated varint", frames: [Uint8Array.of(0, 2, 0xff, 0xff)], mustClose: 4400 },
    {
      label: "trailing bytes after a sync step 1",
      frames: [Uint8Array.of(0, 0, 0, 7)],
      mustClose: 4400,
    },
    {
      label: "state vector claiming 2^30 clients",
      frames: [
        syncFrame(
          SYNC_STEP_1,
          encoding.encode((e) => encoding.writeVarUint(e, 2 ** 30)),
        ),
      ],
      mustClose: 4400,
    },
    {
      label: "awareness with invalid JSON",
      frames: [
        awarenessFrame(
          encoding.encode((a) => {
            encoding.writeVarUint(a, 1);
            encoding.writeVarUint(a, 5);
            encoding.writeVarUint(a, 1);
            encoding.writeVarString(a, "{not json");
          }),
        ),
      ],
      mustClose: 4400,
    },
    {
      label: "awareness for 1,000 client ids",
      frames: [
        awarenessFrame(
          encoding.encode((a) => {
            encoding.writeVarUint(a, 1000);
            for (let id = 1; id <= 1000; id++) {
              encoding.writeVarUint(a, id);
              encoding.writeVarUint(a, 1);
              encoding.writeVarString(a, '{"user":{"name":"Mallory"}}');
            }
          }),
        ),
      ],
      mustClose: false,
    },
    {
      label: "oversized frame (2 MiB)",
      frames: [new Uint8Array(2 * 1024 * 1024)],
      mustClose: 1009,
    },
    {
      label: "burst of 600 query-awareness frames",
      frames: Array.from({ length: 600 }, () => Uint8Array.of(3)),
      mustClose: 4429,
    },
  );
  return out;
}

function randomCases(count: number, random: () => number): FuzzCase[] {
  const material = validUpdates();
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const out: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const pick = random();
    if (pick < 0.3) {
      out.push({
        label: `random bytes #${i}`,
        frames: [bytes(1 + Math.floor(random() * 64))],
        mustClose: false,
      });
      continue;
    }
    const base = material[Math.floor(random() * material.length)];
    const mutated = Uint8Array.from(base);
    let label: string;
    if (pick < 0.6) {
      const flips = 1 + Math.floor(random() * 4);
      for (let f = 0; f < flips; f++) {
        // Keep the message type so the mutation reaches the Yjs decoder.
        const at = 1 + Math.floor(random() * (mutated.length - 1));
        mutated[at] ^= 1 << Math.floor(random() * 8);
      }
      label = `bit flips #${i}`;
      out.push({ label, frames: [mutated], mustClose: false });
    } else if (pick < 0.8) {
      const cut = Math.max(1, Math.floor(random() * (mutated.length - 1)));
      // A truncated frame always breaks the length prefix of the sync payload.
      out.push({
        label: `truncated at ${cut} #${i}`,
        frames: [mutated.subarray(0, cut)],
        mustClose: cut >= 2 ? 4400 : false,
      });
    } else {
      const at = 3 + Math.floor(random() * Math.max(1, mutated.length - 3));
      // Same outer length, garbage inside the Yjs update.
      const inner = Uint8Array.from(mutated);
      inner.set(bytes(Math.min(8, inner.length - at)), Math.min(at, inner.length - 1));
      out.push({ label: `overwritten bytes #${i}`, frames: [inner], mustClose: false });
    }
  }
  return out;
}

/** Sends a case on a fresh socket, then a sync step 1 as a ping; reports what happened. */
async function runCase(url: string, cookie: string, fuzz: FuzzCase): Promise<Outcome> {
  const ws = new WebSocket(url, { headers: { cookie, origin: ORIGIN } });
  ws.on("error", () => {});
  let answered = false;
  let closeCode: number | null = null;
  let ready = false;
  let pinged = false;
  ws.on("message", (data: Buffer) => {
    const bytes = new Uint8Array(data);
    if (bytes[0] === 0 && bytes[1] === 0) ready = true;
    if (pinged && bytes[0] === 0 && bytes[1] === 1) answered = true;
  });
  ws.on("close", (code) => (closeCode = code));
  try {
    await waitUntil(() => ready || closeCode !== null, `open: ${fuzz.label}`, 10_000, 5);
    if (closeCode !== null) return { kind: "closed", code: closeCode };
    for (const f of fuzz.frames) ws.send(f, { binary: typeof f !== "string" });
    pinged = true;
    ws.send(syncFrame(SYNC_STEP_1, Y.encodeStateVector(new Y.Doc())));
    await waitUntil(() => answered || closeCode !== null, `answer: ${fuzz.label}`, 10_000, 5);
    return closeCode !== null ? { kind: "closed", code: closeCode } : { kind: "open" };
  } catch {
    return { kind: "no answer" };
  } finally {
    ws.terminate();
  }
}

describe.skipIf(!privatePostgresAvailable())("protocol fuzzing", () => {
  beforeAll(async () => {
    pg = await startPrivatePostgres();
    db = await createFaultDatabase(pg.createDatabase);
    node = await startNode({ databaseUrl: db.url });
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await node?.kill9();
    await db?.handle.close();
    await pg?.destroy();
  });

  it("survives random, mutated and crafted frames; closes offending sockets only", async () => {
    // Another room, edited throughout the run.
    const bystanders = await typists(
      node.url,
      { ...db.fixture, sectionId: db.fixture.otherSectionId },
      2,
      "by",
    );
    clients.push(...bystanders);
    for (const t of bystanders) t.start(25);
    await node.stats(true);
    const random = prng(20261128);
    const cases = [...craftedCases(), ...randomCases(CASES, random)];
    const outcomes: Outcome[] = new Array(cases.length);
    let next = 0;
    const url = `${node.url}/${db.fixture.sectionId}${EXTENSION_QUERY}`;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < cases.length) {
          const index = next++;
          outcomes[index] = await runCase(url, db.fixture.cookies.editor, cases[index]);
        }
      }),
    );
    const lag = (await node.stats()).eventLoopDelayMaxMs;
    for (const t of bystanders) t.stop();

    const problems: string[] = [];
    cases.forEach((fuzz, i) => {
      const outcome = outcomes[i];
      if (outcome.kind === "no answer") problems.push(`${fuzz.label}: no answer`);
      else if (outcome.kind === "closed" && !PROTOCOL_CODES.has(outcome.code)) {
        problems.push(`${fuzz.label}: closed with ${outcome.code}`);
      } else if (fuzz.mustClose !== false && outcome.kind === "open") {
        problems.push(`${fuzz.label}: left open`);
      } else if (
        typeof fuzz.mustClose === "number" &&
        outcome.kind === "closed" &&
        outcome.code !== fuzz.mustClose
      ) {
        problems.push(`${fuzz.label}: closed with ${outcome.code}, expected ${fuzz.mustClose}`);
      }
    });
    expect(problems).toEqual([]);
    const closed = outcomes.filter((o) => o.kind === "closed").length;
    console.info(
      `fuzz: ${cases.length} cases, ${closed} sockets closed by the server, ` +
        `${cases.length - closed} left open (valid after mutation); max event-loop delay ${lag.toFixed(1)} ms`,
    );
    const crafted = cases
      .map((fuzz, i) => [fuzz, outcomes[i]] as const)
      .filter(([fuzz]) => !/#\d+$/.test(fuzz.label))
      .map(([fuzz, o]) => `  ${fuzz.label}: ${o.kind === "closed" ? `closed ${o.code}` : o.kind}`);
    console.info(`fuzz: hand-made cases\n${crafted.join("\n")}`);
    expect(node.proc.exitCode).toBeNull();
    expect(lag).toBeLessThan(500);

    // The bystanders' room kept working, and the fuzzed document still loads and syncs.
    const other = await settle(bystanders, "bystanders stored");
    expect(await storedText(db.url, db.fixture.otherSectionId)).toBe(other);
    const [reader] = await typists(node.url, db.fixture, 1, "reader");
    clients.push(reader);
    reader.typeOne();
    const fuzzed = await settle([reader], "fuzzed room still accepts edits");
    expect(await storedText(db.url, db.fixture.sectionId)).toBe(fuzzed);
  });
});
