import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { auditLog } from "#db/schema/index.ts";
import type { ConsultationEvent } from "#server/events.ts";
import { positionPage } from "#server/domain/positions/page.ts";
import { positionsMatrix } from "#server/domain/positions/matrix.ts";
import { recordPosition, releasePosition } from "#server/domain/positions/commands.ts";
import { measureDetail } from "#server/domain/measures/pages.ts";
import { outcome, seededDemo, type SeededDemo } from "./fixtures.ts";
import { testServices } from "#testkit/services.ts";

let demo: SeededDemo;
beforeAll(async () => {
  demo = await seededDemo();
}, 120_000);
afterAll(async () => {
  await demo?.handle.close();
});

const base = () => ({
  consultationId: demo.consultationId,
  reasoning: "Begründung",
  conditions: "",
  costImpact: "",
  release: false,
});

describe("positions matrix on the seeded demo", () => {
  it("counts only released positions and lists the missing cells", async () => {
    const matrix = await positionsMatrix(
      testServices(demo.db),
      demo.user("observer"),
      demo.consultationId,
    );
    expect(matrix.organisations.map((o) => o.name)).toEqual([
      "Hauptamt / Digitalisierung",
      "Rechtsamt / Datenschutz",
      "Stadtwerke",
    ]);
    expect(matrix.measures).toHaveLength(10);
    const sw = matrix.organisations.find((o) => o.name === "Stadtwerke")!.id;
    const m05 = demo.measureId("M-05");
    const m07 = demo.measureId("M-07");
    expect(matrix.cells[m05]![sw]).toMatchObject({
      state: "released",
      stance: "approve_with_conditions",
    });
    expect(matrix.counts[m05]).toEqual({
      approve: 0,
      approve_with_conditions: 1,
      abstain: 0,
      concerns: 0,
      reject: 0,
      missing: 2,
    });
    expect(matrix.counts[m07]!.approve).toBe(1);
    const totalReleased = Object.values(matrix.counts).reduce(
      (sum, c) => sum + c.approve + c.approve_with_conditions + c.abstain + c.concerns + c.reject,
      0,
    );
    const totalMissing = Object.values(matrix.counts).reduce((sum, c) => sum + c.missing, 0);
    expect(totalReleased).toBe(2);
    expect(totalMissing).toBe(10 * 3 - 2);
  });
});

describe("drafting and releasing a position", () => {
  it("keeps drafts private, shows their existence to moderators, and releases the newest one", async () => {
    const events: ConsultationEvent[] = [];
    const unsubscribe = testServices(demo.db).events.subscribe(demo.consultationId, (e) =>
      events.push(e),
    );
    const measureId = demo.measureId("M-01");

    const refused = await outcome(
      recordPosition(testServices(demo.db), demo.user("contributor"), {
        ...base(),
        measureId,
        stance: "approve_with_conditions",
        conditions: "   ",
      }),
    );
    expect(refused).toBe("invalid:invalid");

    const first = await recordPosition(testServices(demo.db), demo.user("contributor"), {
      ...base(),
      measureId,
      stance: "concerns",
    });
    const second = await recordPosition(testServices(demo.db), demo.user("contributor"), {
      ...base(),
      measureId,
      stance: "approve_with_conditions",
      conditions: "Exit-Strategie vor Vertragsschluss",
      costImpact: "-2.000",
    });

    // Others see nothing yet; the moderator sees that a draft exists, not what it says.
    const sw = (
      await positionPage(
        testServices(demo.db),
        demo.user("contributor"),
        demo.consultationId,
        measureId,
      )
    ).organisation.id;
    const asEditor = await positionsMatrix(
      testServices(demo.db),
      demo.user("editor"),
      demo.consultationId,
    );
    expect(asEditor.cells[measureId]![sw]).toEqual({ state: "missing" });
    const asModerator = await positionsMatrix(
      testServices(demo.db),
      demo.user("moderator"),
      demo.consultationId,
    );
    expect(asModerator.cells[measureId]![sw]).toEqual({ state: "draft" });
    const detailForEditor = await measureDetail(
      testServices(demo.db),
      demo.user("editor"),
      demo.consultationId,
      measureId,
    );
    expect(detailForEditor.positions).toEqual([]);

    expect(
      await outcome(
        releasePosition(testServices(demo.db), demo.user("contributor"), {
          consultationId: demo.consultationId,
          measureId,
          revisionId: String(second),
        }),
      ),
    ).toBe("forbidden:no_release_right");
    expect(
      await outcome(
        releasePosition(testServices(demo.db), demo.user("releaser"), {
          consultationId: demo.consultationId,
          measureId,
          revisionId: String(first),
        }),
      ),
    ).toBe("conflict:positions.error.notNewest");
    expect(events.filter((e) => e.type === "position.released")).toEqual([]);

    await releasePosition(testServices(demo.db), demo.user("releaser"), {
      consultationId: demo.consultationId,
      measureId,
      revisionId: String(second),
    });
    expect(events.at(-1)).toEqual({
      type: "position.released",
      consultationId: demo.consultationId,
      subjectId: measureId,
    });

    const after = await positionsMatrix(
      testServices(demo.db),
      demo.user("editor"),
      demo.consultationId,
    );
    expect(after.cells[measureId]![sw]).toMatchObject({
      state: "released",
      stance: "approve_with_conditions",
    });
    expect(after.counts[measureId]!.approve_with_conditions).toBe(1);

    const page = await positionPage(
      testServices(demo.db),
      demo.user("releaser"),
      demo.consultationId,
      measureId,
    );
    expect(page.revisions.map((r) => [r.id, r.author, r.releasedBy])).toEqual([
      [second, "Julia Schäfer", "Michael Braun"],
      [first, "Julia Schäfer", null],
    ]);
    expect(page.current?.costImpactCents).toBe(-200_000);
    expect(page.draft).toBeNull();

    const audits = await demo.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.consultationId, demo.consultationId))
      .orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.action).slice(-3)).toEqual([
      "position.drafted",
      "position.drafted",
      "position.released",
    ]);
    unsubscribe();
  });

  it("shows older released versions on request after a new release", async () => {
    const measureId = demo.measureId("M-07");
    await recordPosition(testServices(demo.db), demo.user("releaser"), {
      ...base(),
      measureId,
      stance: "concerns",
      release: true,
    });
    const detail = await measureDetail(
      testServices(demo.db),
      demo.user("observer"),
      demo.consultationId,
      measureId,
    );
    const sw = detail.positions.find((p) => p.organisation === "Stadtwerke")!;
    expect(sw.current?.stance).toBe("concerns");
    expect(sw.olderReleased.map((r) => r.stance)).toEqual(["approve"]);
    expect(sw.draft).toBeNull();
  });
});
