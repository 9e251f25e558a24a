/**
 * `npm run bench:load`: Ratschlag's collab server reading large documents from PostgreSQL.
 *  1. Cold load: the editing trace replayed ×1 and ×10 into one document, stored compacted
 *     (one snapshot) and uncompacted (one log row per 100 keystrokes, never folded); time from
 *     opening the socket until a fresh client holds the full text, on a freshly started server.
 *  2. Reconnect resync: a client that missed 1,000 edits reconnects; time until it is current.
 *  3. "stored" confirmation latency p50/p99 while M documents × N editors type.
 * Flags: --smoke (a slice of the trace, ×2 instead of ×10, tiny load), --repeat=R.
 */
import path from "node:path";
import * as decoding from "lib0/decoding";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { PostgresStorage } from "#server/docs/postgres.ts";
import type { LogEntry } from "#server/docs/storage.ts";
import { MESSAGE_ACCESS, MESSAGE_STORED } from "#common/collab-protocol.ts";
import { EXTENSION_PARAMS, socketClass } from "#testkit/collab.ts";
import {
  createBenchDatabase,
  ORIGIN,
  parseFlags,
  percentile,
  round,
  table,
  writeResult,
  type BenchDatabase,
} from "./lib/common.ts";
import {
  canPin,
  freePort,
  pinSelf,
  repoRoot,
  sleep,
  spawnServer,
  waitUntil,
  type ChildServer,
} from "#testkit/infra.ts";
import { loadTrace, type Patch } from "./lib/trace.ts";
import { Writer, LatencyBook, type Endpoint } from "./lib/wire.ts";

interface Built {
  state: Uint8Array;
  rows: Uint8Array[];
  text: string;
  keystrokes: number;
}

/** Replays `patches` `times` times (each replay appended after the previous text). */
function build(patches: Patch[], times: number): Built {
  const doc = new Y.Doc();
  const text = doc.getText("body");
  const rows: Uint8Array[] = [];
  let batch: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => {
    batch.push(u);
    if (batch.length === 100) {
      rows.push(Y.mergeUpdates(batch));
      batch = [];
    }
  });
  for (let round = 0; round < times; round++) {
    const offset = text.length;
    for (const [pos, del, insert] of patches) {
      const at = Math.min(offset + pos, text.length);
      if (del > 0) text.delete(at, Math.min(del, text.length - at));
      if (insert) text.insert(at, insert);
    }
  }
  if (batch.length > 0) rows.push(Y.mergeUpdates(batch));
  const result = {
    state: Y.encodeStateAsUpdate(doc),
    rows,
    text: text.toString(),
    keystrokes: patches.length * times,
  };
  doc.destroy();
  return result;
}

async function startRatschlag(db: BenchDatabase, pinned: boolean) {
  const port = await freePort();
  const child = await spawnServer(path.join(repoRoot, "bench/servers/ratschlag.ts"), {
    core: pinned ? 0 : undefined,
    env: { PORT: String(port), DATABASE_URL: db.url, ORIGIN, NODE_ENV: "production" },
  });
  const endpoint: Endpoint = {
    framing: "y-websocket",
    url: `ws://127.0.0.1:${port}/collab`,
    headers: { cookie: db.cookie, origin: ORIGIN },
    params: EXTENSION_PARAMS,
  };
  return { child, endpoint };
}

function client(endpoint: Endpoint, docName: string, connect = true) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(endpoint.url, docName, doc, {
    WebSocketPolyfill: socketClass(
      endpoint.headers ?? {},
    ) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect,
    params: endpoint.params,
  });
  provider.messageHandlers[MESSAGE_STORED] = (_e, d) => void decoding.readVarUint(d);
  provider.messageHandlers[MESSAGE_ACCESS] = (_e, d) => void decoding.readVarUint(d);
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

async function coldLoad(
  db: BenchDatabase,
  pinned: boolean,
  docName: string,
  warmDoc: string,
  expected: string,
): Promise<number> {
  let child: ChildServer | undefined;
  try {
    const started = await startRatschlag(db, pinned);
    child = started.child;
    // Warm the process (database pool, JIT) on another small document: measured is the load of
    // a document that is not in memory, not the start of the process.
    const warm = client(started.endpoint, warmDoc);
    await waitUntil(() => warm.provider.synced, "warm-up client synced", 60_000);
    warm.destroy();
    const t0 = performance.now();
    const c = client(started.endpoint, docName);
    await waitUntil(
      () => c.provider.synced && c.doc.getText("body").length === expected.length,
      "full content",
      120_000,
      1,
    );
    const ms = performance.now() - t0;
    if (c.doc.getText("body").toString() !== expected) throw new Error("loaded text differs");
    c.destroy();
    return ms;
  } finally {
    await child?.kill9();
  }
}

export async function benchLoad(flags: Map<string, string>, log = console.log) {
  const smoke = flags.has("smoke");
  const repeat = Number(flags.get("repeat") ?? (smoke ? 1 : 3));
  const pinned = canPin(2) && pinSelf(1);
  const trace = loadTrace();
  const patches = smoke ? trace.patches.slice(0, 3000) : trace.patches;
  const big = smoke ? 2 : 10;
  const db = await createBenchDatabase(smoke ? 8 : 26);
  const storage = new PostgresStorage(db.handle.db);
  const [docX1c, docX1u, docBigC, docBigU, docResync, docWarm] = db.sectionIds;
  const results: Record<string, unknown> = {};
  const rows: (string | number | null)[][] = [];
  try {
    log(`bench:load — replaying ${patches.length} keystrokes ×1 and ×${big}`);
    for (const [times, compactedDoc, logDoc] of [
      [1, docX1c, docX1u],
      [big, docBigC, docBigU],
    ] as const) {
      const built = build(patches, times);
      await storage.compact(compactedDoc, built.state, 0);
      const entries: LogEntry[] = built.rows.map((update) => ({ update, userId: null }));
      for (let i = 0; i < entries.length; i += 500)
        await storage.append(logDoc, entries.slice(i, i + 500));
      for (const [form, docName, reps] of [
        ["compacted", compactedDoc, repeat],
        // The first load of an uncompacted log compacts it; later loads would measure that.
        ["uncompacted", logDoc, 1],
      ] as const) {
        const times_: number[] = [];
        for (let r = 0; r < reps; r++)
          times_.push(await coldLoad(db, pinned, docName, docWarm, built.text));
        const median = percentile(times_, 50);
        const detail = `${form === "compacted" ? "1 snapshot" : `${built.rows.length} log rows`}, ${(
          (form === "compacted"
            ? built.state.length
            : built.rows.reduce((s, r) => s + r.length, 0)) /
          2 ** 20
        ).toFixed(2)} MiB`;
        results[`coldLoad_x${times}_${form}`] = {
          ms: round(median),
          runs: times_.map((t) => round(t)),
          detail,
          textChars: built.text.length,
        };
        rows.push([
          `cold load, trace ×${times}, ${form}`,
          round(median),
          reps,
          `${detail}, ${built.text.length} chars`,
        ]);
        log(
          `  cold load ×${times} ${form}: ${round(median)} ms (${times_.map((t) => round(t)).join(", ")}) — ${detail}`,
        );
      }
    }

    // Reconnect after missing 1,000 edits.
    {
      const built = build(patches, 1);
      await storage.compact(docResync, built.state, 0);
      const { child, endpoint } = await startRatschlag(db, pinned);
      const edits = smoke ? 200 : 1000;
      try {
        const reader = client(endpoint, docResync);
        await waitUntil(() => reader.provider.synced, "reader synced", 60_000);
        const timesMs: number[] = [];
        const book = new LatencyBook();
        for (let r = 0; r < repeat; r++) {
          reader.provider.disconnect();
          const writer = new Writer(endpoint, docResync, trace.patches, 50_000 + r * edits, book);
          await writer.connect();
          for (let i = 0; i < edits; i++) {
            writer.type();
            // Stay under the per-connection rate limit (200 frames/s).
            if (i % 100 === 99) await sleep(600);
          }
          await waitUntil(() => writer.pendingWrites === 0, "writer's edits stored", 60_000);
          const expected = new Y.Doc();
          Y.applyUpdate(expected, Y.encodeStateAsUpdate(reader.doc));
          Y.applyUpdate(expected, Y.encodeStateAsUpdate(writer.doc));
          const want = expected.getText("body").toString();
          const t0 = performance.now();
          reader.provider.connect();
          await waitUntil(
            () => reader.provider.synced && reader.doc.getText("body").toString() === want,
            "resync",
            60_000,
            1,
          );
          timesMs.push(performance.now() - t0);
          writer.close();
        }
        reader.destroy();
        const median = percentile(timesMs, 50);
        results.resyncAfterMissedEdits = {
          edits,
          ms: round(median),
          runs: timesMs.map((t) => round(t)),
        };
        rows.push([
          `reconnect resync after ${edits} missed edits`,
          round(median),
          repeat,
          "document: trace ×1",
        ]);
        log(`  resync after ${edits} missed edits: ${round(median)} ms`);
      } finally {
        await child.kill9();
      }
    }

    // "stored" confirmation latency under load.
    {
      const docs = smoke ? 2 : 20;
      const editors = smoke ? 2 : 5;
      const rate = 5;
      const seconds = smoke ? 2 : 15;
      // Sections of their own, so the big documents above do not slow these down.
      const names = db.sectionIds.slice(6, 6 + docs);
      const { child, endpoint } = await startRatschlag(db, pinned);
      try {
        const writers: Writer[] = [];
        const book = new LatencyBook();
        for (let d = 0; d < docs; d++) {
          for (let e = 0; e < editors; e++) {
            const w = new Writer(endpoint, names[d], trace.patches, (d * editors + e) * 2000, book);
            await w.connect();
            writers.push(w);
          }
        }
        const start = performance.now();
        let credit = 0;
        let last = start;
        let next = 0;
        while (performance.now() - start < seconds * 1000) {
          await sleep(5);
          const now = performance.now();
          credit += ((now - last) / 1000) * rate * writers.length;
          last = now;
          while (credit >= 1) {
            writers[next++ % writers.length].type();
            credit -= 1;
          }
        }
        await waitUntil(() => writers.every((w) => w.pendingWrites === 0), "all confirmed", 30_000);
        const samples = writers.flatMap((w) => w.storedLatencies);
        const p50 = round(percentile(samples, 50));
        const p99 = round(percentile(samples, 99));
        results.storedConfirmation = {
          docs,
          editors,
          keystrokesPerSecondPerEditor: rate,
          updatesPerSecond: docs * editors * rate,
          samples: samples.length,
          p50,
          p99,
          max: round(Math.max(...samples)),
        };
        rows.push([
          `"stored" confirmation p50 (${docs * editors * rate} updates/s)`,
          p50,
          1,
          `${samples.length} writes`,
        ]);
        rows.push([
          `"stored" confirmation p99 (${docs * editors * rate} updates/s)`,
          p99,
          1,
          `max ${round(Math.max(...samples))} ms`,
        ]);
        log(
          `  "stored" confirmation under ${docs * editors * rate} updates/s: p50 ${p50} ms, p99 ${p99} ms`,
        );
        for (const w of writers) w.close();
      } finally {
        await child.kill9();
      }
    }
  } finally {
    await db.drop();
  }
  const markdown = table(["measurement", "ms (median)", "runs", "detail"], rows);
  const file = writeResult(smoke ? "load-smoke" : "load", { smoke, pinned, results });
  log("\n" + markdown + `\n\nJSON: ${path.relative(repoRoot, file)}`);
  return { results, markdown, pinned };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchLoad(parseFlags());
  process.exit(0);
}
