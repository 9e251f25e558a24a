import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { auditLog, measureRevisions, organisations } from "#db/schema/index.ts";
import { applyMeasureQuery, parseMeasureQuery } from "#server/domain/measures/query.ts";
import { createMeasure, updateMeasure } from "#server/domain/measures/commands.ts";
import { measureDetail, measuresPlan } from "#server/domain/measures/pages.ts";
import { parseEuro, todayInBerlin } from "#server/domain/values.ts";
import { seededDemo, validMeasureInput, type SeededDemo } from "./fixtures.ts";
import { expectDomainError } from "#tests/helpers/domain-error.ts";
import { testServices } from "#testkit/services.ts";

let demo: SeededDemo;
let leadId: string;
let partnerId: string;

beforeAll(async () => {
  demo = await seededDemo();
  const orgs = await demo.db
    .select({ id: organisations.id, short: organisations.shortName })
    .from(organisations);
  leadId = orgs.find((o) => o.short === "HA-DIG")!.id;
  partnerId = orgs.find((o) => o.short === "SW")!.id;
}, 120_000);
afterAll(async () => {
  await demo?.handle.close();
});

async function fieldErrors(work: Promise<unknown>) {
  return (await expectDomainError(work, "invalid", "invalid")).fieldErrors;
}

describe("measure input is validated field by field", () => {
  it("refuses invalid numbers, end before start, a past deadline and a taken code together", async () => {
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const errors = await fieldErrors(
      createMeasure(testServices(demo.db), demo.user("editor"), {
        ...validMeasureInput({
          code: "M-01",
          title: "",
          leadOrganisationId: leadId,
          start: "2028-Q3",
          end: "2028-Q1",
          costOneOff: "zwölf",
          costYearly: "-5",
          applicationDeadline: yesterday,
        }),
        consultationId: demo.consultationId,
      }),
    );
    expect(errors).toEqual({
      code: "measures.error.codeTaken",
      title: "form.required",
      end: "measures.error.endBeforeStart",
      costOneOff: "measures.error.amount",
      costYearly: "measures.error.amount",
      applicationDeadline: "measures.error.deadlinePast",
    });
  });

  it("refuses malformed quarters and unknown organisations", async () => {
    const errors = await fieldErrors(
      createMeasure(testServices(demo.db), demo.user("moderator"), {
        ...validMeasureInput({
          leadOrganisationId: "00000000-0000-4000-8000-000000000000",
          start: "Q1/2027",
          end: "2027-Q5",
          priority: "dringend",
        }),
        consultationId: demo.consultationId,
      }),
    );
    expect(errors).toEqual({
      leadOrganisationId: "form.invalid",
      start: "measures.error.quarter",
      end: "measures.error.quarter",
      priority: "form.invalid",
    });
  });

  it("parses euro amounts as Germans and others type them", () => {
    expect(parseEuro("12.500,50")).toBe(1_250_050);
    expect(parseEuro("12500")).toBe(1_250_000);
    expect(parseEuro("12,500.50")).toBe(1_250_050);
    expect(parseEuro("1.000 €")).toBe(100_000);
    expect(parseEuro("")).toBeUndefined();
    expect(parseEuro("1,2,3")).toBeNull();
    expect(parseEuro("-5.000", true)).toBe(-500_000);
  });
});

describe("measure change history", () => {
  it("records creation and every edit field by field, newest first, with author and audit rows", async () => {
    const today = todayInBerlin();
    const id = await createMeasure(testServices(demo.db), demo.user("editor"), {
      ...validMeasureInput({
        code: "M-50",
        leadOrganisationId: leadId,
        applicationDeadline: today,
      }),
      consultationId: demo.consultationId,
    });
    await updateMeasure(testServices(demo.db), demo.user("moderator"), {
      ...validMeasureInput({
        code: "M-50",
        leadOrganisationId: leadId,
        applicationDeadline: today,
        status: "in_progress",
        partnerOrganisationIds: [partnerId],
      }),
      consultationId: demo.consultationId,
      measureId: id,
    });
    await updateMeasure(testServices(demo.db), demo.user("editor"), {
      ...validMeasureInput({
        code: "M-50",
        leadOrganisationId: leadId,
        applicationDeadline: today,
        status: "in_progress",
        partnerOrganisationIds: [partnerId],
        costOneOff: "20.000",
        end: "2028-Q1",
      }),
      consultationId: demo.consultationId,
      measureId: id,
    });
    // Saving unchanged input adds no history entry.
    await updateMeasure(testServices(demo.db), demo.user("editor"), {
      ...validMeasureInput({
        code: "M-50",
        leadOrganisationId: leadId,
        applicationDeadline: today,
        status: "in_progress",
        partnerOrganisationIds: [partnerId],
        costOneOff: "20000,00",
        end: "2028-Q1",
      }),
      consultationId: demo.consultationId,
      measureId: id,
    });

    const detail = await measureDetail(
      testServices(demo.db),
      demo.user("observer"),
      demo.consultationId,
      id,
    );
    expect(detail.history.map((h) => [h.kind, h.author, h.changes.map((c) => c.field)])).toEqual([
      ["updated", "Stefan Wagner", ["end", "costOneOff"]],
      ["updated", "Katrin Lehmann", ["partners", "status"]],
      [
        "created",
        "Stefan Wagner",
        [
          "code",
          "title",
          "description",
          "leadOrganisation",
          "start",
          "end",
          "costOneOff",
          "costYearly",
          "fundingProgramme",
          "fundingStatus",
          "applicationDeadline",
          "priority",
          "status",
        ],
      ],
    ]);
    expect(detail.history[0]!.changes).toEqual([
      { field: "end", from: "2027-Q4", to: "2028-Q1" },
      { field: "costOneOff", from: 1_250_050, to: 2_000_000 },
    ]);
    expect(detail.history[1]!.changes[0]).toEqual({
      field: "partners",
      from: "",
      to: "Stadtwerke",
    });
    const ids = (
      await demo.db
        .select({ id: measureRevisions.id })
        .from(measureRevisions)
        .where(eq(measureRevisions.measureId, id))
        .orderBy(asc(measureRevisions.createdAt), asc(measureRevisions.id))
    ).map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const audits = await demo.db
      .select({ action: auditLog.action, org: auditLog.actingOrganisationId })
      .from(auditLog)
      .where(eq(auditLog.targetId, id))
      .orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.action)).toEqual([
      "measure.created",
      "measure.updated",
      "measure.updated",
    ]);
    expect(audits.every((a) => a.org !== null)).toBe(true);
  });
});

describe("measures plan", () => {
  it("filters, sorts and totals the seeded plan", async () => {
    const plan = await measuresPlan(
      testServices(demo.db),
      demo.user("observer"),
      demo.consultationId,
      parseMeasureQuery(new URLSearchParams("pilot=yes&sort=costOneOff&dir=desc")),
    );
    expect(plan.rows.map((r) => r.code)).toEqual(["M-07", "M-03", "M-09", "M-08"]);
    expect(plan.totals.costOneOffCents).toBe((350_000 + 180_000 + 120_000 + 90_000) * 100);
    const byPeriod = applyMeasureQuery(
      plan.rows,
      parseMeasureQuery(new URLSearchParams("from=2028-Q1&to=2028-Q1")),
    );
    expect(byPeriod.map((r) => r.code).sort()).toEqual(["M-03", "M-07", "M-08", "M-09"]);
  });
});
