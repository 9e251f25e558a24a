import type { PGlite } from "@electric-sql/pglite";
import type { Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { Database, DatabaseHandle } from "#db/client.ts";
import * as schema from "#db/schema/index.ts";
import { organisations, requirements, sections } from "#db/schema/index.ts";
import { consultationAccess } from "#server/domain/access.ts";
import { createMeasure } from "#server/domain/measures/commands.ts";
import { measureDetail, measuresPlan } from "#server/domain/measures/pages.ts";
import { parseMeasureQuery } from "#server/domain/measures/query.ts";
import { recordPosition } from "#server/domain/positions/commands.ts";
import { positionsMatrix } from "#server/domain/positions/matrix.ts";
import { testServices } from "#testkit/services.ts";
import { seededDemo, type SeededDemo } from "#tests/measures/fixtures.ts";

/**
 * The same database as the handle's, through a client that counts the queries it sends (drizzle's
 * logger sees every statement, whichever driver runs it).
 */
function countingDatabase(handle: DatabaseHandle) {
  const counter = { queries: 0 };
  const logger = { logQuery: () => void (counter.queries += 1) };
  const client = (handle.db as unknown as { $client: unknown }).$client;
  const db = (handle.kind === "server"
    ? drizzlePostgres(client as Sql, { schema, logger })
    : drizzlePglite(client as PGlite, {
        schema,
        logger,
      })) as unknown as Database;
  return { db, counter };
}

/**
 * The most queries each page may send, on the demo and with any number of measures more: every
 * list is read in one query, never one per measure. Access is three of them (consultation,
 * membership, deadlines).
 */
// detail: one query more for what refers to the measure (may it be deleted, or only archived).
const BOUND = { plan: 8, detail: 8, matrix: 5 };

describe("measure pages read the database a fixed number of times", () => {
  let demo: SeededDemo;
  let counted: ReturnType<typeof countingDatabase>;

  beforeAll(async () => {
    demo = await seededDemo();
    counted = countingDatabase(demo.handle);
  });
  afterAll(() => demo.handle.close());

  async function queriesOf(work: () => Promise<unknown>): Promise<number> {
    counted.counter.queries = 0;
    await work();
    return counted.counter.queries;
  }

  async function pageCounts() {
    const services = testServices(counted.db);
    const user = demo.user("moderator");
    const { consultationId } = demo;
    return {
      plan: await queriesOf(() =>
        measuresPlan(services, user, consultationId, parseMeasureQuery(new URLSearchParams())),
      ),
      detail: await queriesOf(() =>
        measureDetail(services, user, consultationId, demo.measureId("M-01")),
      ),
      matrix: await queriesOf(() => positionsMatrix(services, user, consultationId)),
    };
  }

  /** Adds measures with partners, a section, a requirement and a released position each. */
  async function addMeasures(count: number) {
    const services = testServices(demo.db);
    const [organisation] = await demo.db
      .select({ id: organisations.id })
      .from(organisations)
      .orderBy(asc(organisations.name));
    const partners = await demo.db.select({ id: organisations.id }).from(organisations).limit(3);
    const [section] = await demo.db
      .select({ id: sections.id })
      .from(sections)
      .where(eq(sections.consultationId, demo.consultationId));
    const [requirement] = await demo.db
      .select({ id: requirements.id })
      .from(requirements)
      .where(eq(requirements.consultationId, demo.consultationId));
    for (let i = 0; i < count; i += 1) {
      const measureId = await createMeasure(services, demo.user("moderator"), {
        consultationId: demo.consultationId,
        code: `Q-${String(i).padStart(2, "0")}`,
        title: `Zusätzliche Maßnahme ${i}`,
        description: "",
        leadOrganisationId: organisation!.id,
        partnerOrganisationIds: partners.map((p) => p.id),
        start: "2027-Q1",
        end: "2028-Q4",
        costOneOff: "1000",
        costYearly: "",
        fundingProgramme: "",
        fundingStatus: "none",
        applicationDeadline: "",
        priority: "medium",
        status: "planned",
        pilot: false,
        sectionIds: section ? [section.id] : [],
        requirementIds: requirement ? [requirement.id] : [],
      });
      await recordPosition(services, demo.user("releaser"), {
        consultationId: demo.consultationId,
        measureId,
        stance: "approve",
        reasoning: "",
        conditions: "",
        costImpact: "",
        release: true,
      });
    }
  }

  it("stays within the bound on the seeded demo, and the same with more measures", async () => {
    const before = await pageCounts();
    expect(before.plan).toBeLessThanOrEqual(BOUND.plan);
    expect(before.detail).toBeLessThanOrEqual(BOUND.detail);
    expect(before.matrix).toBeLessThanOrEqual(BOUND.matrix);

    await addMeasures(12);
    const plan = await measuresPlan(
      testServices(demo.db),
      demo.user("moderator"),
      demo.consultationId,
      parseMeasureQuery(new URLSearchParams()),
    );
    expect(plan.rows.filter((r) => r.code.startsWith("Q-"))).toHaveLength(12);

    expect(await pageCounts()).toEqual(before);
  });

  it("a page given the access its loader has loaded already does not load it again", async () => {
    const services = testServices(counted.db);
    let access!: Awaited<ReturnType<typeof consultationAccess>>;
    const accessQueries = await queriesOf(async () => {
      access = await consultationAccess(counted.db, demo.user("moderator"), demo.consultationId);
    });
    expect(accessQueries).toBeGreaterThan(0);
    const { detail } = await pageCounts();
    const withAccess = await queriesOf(() =>
      measureDetail(services, access, demo.consultationId, demo.measureId("M-01")),
    );
    expect(withAccess).toBe(detail - accessQueries);
  });
});
