import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import type { Database } from "#db/client.ts";
import * as schema from "#db/schema/index.ts";
import { sections } from "#db/schema/index.ts";
import { loader as sectionLoader } from "#app/routes/section.tsx";
import { loader as threadsLoader } from "#app/routes/threads.tsx";
import { createSection } from "#server/domain/sections.ts";
import { createThread } from "#server/domain/threads.ts";
import * as Y from "yjs";
import { anchorsForRange, plainText } from "#common/anchors.ts";
import { FRAGMENT } from "#server/docs/content.ts";
import { loadYDoc } from "#server/docs/load.ts";
import { routeContext, testServices } from "#testkit/services.ts";
import { seededDemo, type Account, type SeededDemo } from "#tests/measures/fixtures.ts";

/**
 * The read models ask the database a bounded number of questions (issue: chatty page loads):
 * the queries a page's loader issues are counted on a second drizzle handle over the same
 * client, whose logger sees every statement. A count, never a time.
 */

let demo: SeededDemo;
let queries: string[] = [];
let counted: Database;

function countingDatabase(db: Database, kind: "embedded" | "server"): Database {
  const client = (db as unknown as { $client: unknown }).$client;
  const logger = { logQuery: (query: string) => void queries.push(query) };
  return (kind === "server"
    ? drizzlePostgres(client as Sql, { schema, logger })
    : drizzlePglite(client as PGlite, { schema, logger })) as unknown as Database;
}

async function count(work: () => Promise<unknown>): Promise<number> {
  queries = [];
  await work();
  return queries.length;
}

function request(account: Account, path: string) {
  const user = demo.user(account);
  const services = testServices(counted);
  const context = routeContext(services, {
    auth: { session: { id: "s" }, user: { ...user, locale: "de" } } as never,
  });
  return { context, request: new Request(`http://localhost:3000${path}`) };
}

let sectionIds: string[];

beforeAll(async () => {
  demo = await seededDemo();
  counted = countingDatabase(demo.db, demo.handle.kind);
  const rows = await demo.db
    .select({ id: sections.id })
    .from(sections)
    .where(eq(sections.consultationId, demo.consultationId))
    .orderBy(sections.position);
  sectionIds = rows.map((r) => r.id);
  // A thread on every section, anchored on its text, by the contributor.
  const services = testServices(demo.db);
  for (const sectionId of sectionIds) await openThread(services, sectionId);
});

afterAll(async () => {
  await demo?.handle.close();
});

async function openThread(services: ReturnType<typeof testServices>, sectionId: string) {
  const doc = await loadYDoc(services.docs, sectionId);
  if (!doc) throw new Error("section without text");
  try {
    const first = doc.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement;
    const text = first.get(0) as Y.XmlText;
    const anchor = anchorsForRange(text, 0, text, 4);
    await createThread(services, demo.user("contributor"), {
      sectionId,
      kind: "comment",
      anchorStart: anchor.start,
      anchorEnd: anchor.end,
      quote: plainText(text).slice(0, 4),
      body: "Bitte präzisieren.",
    });
  } finally {
    doc.destroy();
  }
}

describe("query counts", () => {
  it("the section page's loader asks at most 6 queries (text, threads, links, access)", async () => {
    const consultationId = demo.consultationId;
    const sectionId = sectionIds[0]!;
    for (const account of ["contributor", "moderator", "observer"] as const) {
      const load = () => {
        const args = request(account, `/c/${consultationId}/s/${sectionId}`);
        return sectionLoader({ ...args, params: { consultationId, sectionId } } as never);
      };
      // The first view of a document state reads the document itself (two more queries); a
      // typical view finds it decoded already.
      await load();
      const typical = await count(load);
      expect(typical, queries.join("\n")).toBeLessThanOrEqual(6);
    }
  });

  it("the consultation's thread list asks the same number of queries however many sections have threads", async () => {
    const consultationId = demo.consultationId;
    const load = () => {
      const args = request("moderator", `/c/${consultationId}/threads`);
      return threadsLoader({ ...args, params: { consultationId } } as never);
    };
    await load();
    const before = await count(load);
    expect(before, queries.join("\n")).toBeLessThanOrEqual(5);
    const services = testServices(demo.db);
    for (let i = 0; i < 3; i++) {
      const { id } = await createSection(services, demo.user("moderator"), {
        consultationId,
        title: `Zusatz ${i}`,
        leadOrganisationId: "",
        status: "draft",
      });
      await demo.db
        .update(sections)
        .set({ initialContent: "Ein weiterer Absatz." })
        .where(eq(sections.id, id));
      await openThread(services, id);
    }
    await load();
    expect(await count(load)).toBe(before);
  });
});
