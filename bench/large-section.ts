/**
 * `npm run bench:large-section`: page views of a ~5 MB section (issue 12). Builds a section whose
 * stored log holds ~5 MB of text in 2,500 rows plus a few comment threads, then runs the section
 * page's server work in this process — the loader's domain calls (sectionPage, sectionThreads)
 * and the server rendering of the text (sectionHtml) — and prints the time per page view and the longest
 * event-loop block (perf_hooks.monitorEventLoopDelay) for: the first view, repeated views of the
 * unchanged section, six views in parallel, views while the section is loaded in a collab room
 * (unchanged, and with a keystroke before each view), and the first view from the compacted
 * snapshot the room left behind. Loading the room and its compaction are shown too (no page
 * view; for comparison). PostgreSQL from BENCH_DATABASE_URL / TEST_DATABASE_URL (default: local
 * test server).
 * Flags: --rows=N (default 2500), --chars=N per row (default 2000), --views=N (default 5).
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import * as Y from "yjs";
import { sectionHtml } from "#app/lib/section-html.server.ts";
import { eq, like } from "drizzle-orm";
import { commentThreads, sections, users } from "#db/schema/index.ts";
import { createCollabServer, type CollabServer } from "#server/collab/index.ts";
import { PostgresStorage } from "#server/docs/postgres.ts";
import type { Config } from "#server/config.ts";
import { createLogger } from "#server/log.ts";
import { anchorsForRange } from "#common/anchors.ts";
import { parseThreadQuery, sectionThreads } from "#server/domain/thread-views.ts";
import { FRAGMENT } from "#server/docs/content.ts";
import { sectionPage } from "#server/domain/section-page.ts";
import { createBenchDatabase, parseFlags, round, table } from "./lib/common.ts";
import { testServices } from "#testkit/services.ts";

const flags = parseFlags();
const ROWS = Number(flags.get("rows") ?? 2500);
const CHARS = Number(flags.get("chars") ?? 2000);
const VIEWS = Number(flags.get("views") ?? 5);

const bench = await createBenchDatabase(2);
const { db } = bench.handle;
const sectionId = bench.sectionIds[0]!;
const [section] = await db.select().from(sections).where(eq(sections.id, sectionId));
const consultationId = section!.consultationId;
const [editor] = await db.select().from(users).where(like(users.email, "editor-%"));
const user = { id: editor!.id, isAdmin: editor!.isAdmin, email: editor!.email };

// ~5 MB of text: one paragraph per stored row, as a long editing session would leave it.
{
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(FRAGMENT);
  const rows: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => rows.push(update));
  const word = "Verwaltungsdigitalisierung ";
  const line = word.repeat(Math.ceil(CHARS / word.length)).slice(0, CHARS);
  let anchorText: Y.XmlText | null = null;
  for (let i = 0; i < ROWS; i++) {
    const paragraph = new Y.XmlElement("paragraph");
    fragment.insert(fragment.length, [paragraph]);
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    text.insert(0, `${i}: ${line}`);
    if (i === Math.floor(ROWS / 2)) anchorText = text;
  }
  const storage = new PostgresStorage(db);
  for (let i = 0; i < rows.length; i += 500) {
    await storage.append(
      sectionId,
      rows.slice(i, i + 500).map((update) => ({ update, userId: null })),
    );
  }
  const bytes = rows.reduce((sum, r) => sum + r.length, 0);
  console.log(`section: ${rows.length} stored rows, ${round(bytes / 1e6, 2)} MB`);
  for (let i = 0; i < 3; i++) {
    const anchor = anchorsForRange(anchorText!, i * 10, anchorText!, i * 10 + 8);
    await db.insert(commentThreads).values({
      consultationId,
      sectionId,
      anchorStart: anchor.start,
      anchorEnd: anchor.end,
      authorId: user.id,
      kind: "comment",
      quote: "Verwaltu",
    });
  }
  doc.destroy();
}

const config = {
  origin: "http://localhost",
  production: false,
  redisUrl: undefined,
} as unknown as Config;
let collab: CollabServer | null = null;

/** One page view's server work: the loader's domain calls, then the rendered text. */
async function pageView(): Promise<number> {
  const started = performance.now();
  const services = testServices(db, collab ? { collab } : {});
  const page = await sectionPage(services, user, consultationId, sectionId);
  const query = parseThreadQuery(new URLSearchParams());
  const comments = await sectionThreads(services, user, sectionId, query);
  const html = await sectionHtml(page.blocks);
  if (html.length < ROWS * CHARS || comments.threads.length !== 3)
    throw new Error("page view incomplete");
  return performance.now() - started;
}

async function measure(name: string, views: () => Promise<number[]>) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = performance.now();
  const times = await views();
  const total = performance.now() - started;
  histogram.disable();
  return [
    name,
    times.length,
    times.length ? round(times.reduce((a, b) => a + b, 0) / times.length) : null,
    times.length ? round(Math.max(...times)) : null,
    round(total),
    round(histogram.max / 1e6),
  ];
}

const sequential = async (n: number) => {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await pageView());
  return times;
};

const results: (string | number | null)[][] = [];
const notes: string[] = [];
try {
  results.push(await measure("first view", () => sequential(1)));
  results.push(await measure("repeated views, unchanged", () => sequential(VIEWS)));
  results.push(
    await measure("6 views in parallel", () => Promise.all(Array.from({ length: 6 }, pageView))),
  );
  collab = createCollabServer({
    db,
    config,
    log: createLogger("silent"),
    storage: new PostgresStorage(db),
    options: { idleUnloadMs: 60_000 },
  });
  // Load the room the way an editor's connection would, through a server-side no-op edit, and
  // wait for the compaction the stored rows make due: room work, not a page view.
  results.push(
    await measure("(room load + compaction, no view)", async () => {
      await collab!.editDocument(sectionId, user.id, () => undefined);
      for (
        let waited = 0;
        (await new PostgresStorage(db).state(sectionId)).split(":")[0] !== "0";
        waited++
      ) {
        if (waited > 600) throw new Error("the room did not compact the stored rows");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return [];
    }),
  );
  results.push(await measure("views with the room loaded", () => sequential(VIEWS)));
  // A keystroke in one paragraph before each view: the room's document changed since the last.
  let typed = 0;
  results.push(
    await measure("views with the room loaded, typing", async () => {
      const times: number[] = [];
      for (let i = 0; i < VIEWS; i++) {
        await collab!.editDocument(sectionId, user.id, (doc) => {
          const fragment = doc.getXmlFragment(FRAGMENT);
          const paragraph = fragment.get((i * 997) % fragment.length) as Y.XmlElement;
          (paragraph.get(0) as Y.XmlText).insert(0, "x");
        });
        typed++;
        times.push(await pageView());
      }
      return times;
    }),
  );
  await collab.close();
  collab = null;
  // What the room left behind: one snapshot row (plus the rows typed after the compaction).
  const stored = await new PostgresStorage(db).load(sectionId);
  results.push(await measure("first view from the compacted snapshot", () => sequential(1)));
  const snapshot = stored.updates[0]!;
  const doc = new Y.Doc();
  const started = performance.now();
  Y.applyUpdate(doc, snapshot);
  const applyMs = performance.now() - started;
  doc.destroy();
  notes.push(
    `stored after the room: ${stored.updates.length} rows (a ${round(snapshot.length / 1e6, 2)} MB snapshot + ${stored.updates.length - 1} log rows of ${typed} keystrokes); ` +
      `applying the snapshot alone: ${round(applyMs)} ms in one Y.applyUpdate — Yjs applies an update in ` +
      "one go, so a view decoding a large snapshot blocks at least that long (snapshots are not split).",
  );
} finally {
  await collab?.close();
  await bench.drop();
}
console.log(
  table(
    ["case", "views", "mean ms/view", "max ms/view", "wall ms", "max event-loop block ms"],
    results,
  ),
);
for (const note of notes) console.log(note);
