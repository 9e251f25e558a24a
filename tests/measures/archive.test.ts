import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import {
  auditLog,
  measureRevisions,
  measures,
  organisations,
  requirementMeasures,
  requirements,
  versionMeasures,
} from "#db/schema/index.ts";
import { archiveMeasure, deleteMeasure, restoreMeasure } from "#server/domain/measures/archive.ts";
import { createMeasure, updateMeasure } from "#server/domain/measures/commands.ts";
import { measureDetail, measureForm, measuresPlan } from "#server/domain/measures/pages.ts";
import { parseMeasureQuery } from "#server/domain/measures/query.ts";
import { recordPosition } from "#server/domain/positions/commands.ts";
import { freezeVersion } from "#server/domain/versions.ts";
import { outcome, seededDemo, validMeasureInput, type SeededDemo } from "./fixtures.ts";
import { testServices } from "#testkit/services.ts";

let demo: SeededDemo;
let leadId: string;
let counter = 0;

beforeAll(async () => {
  demo = await seededDemo();
  const [org] = await demo.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.shortName, "HA-DIG"));
  leadId = org!.id;
}, 120_000);
afterAll(async () => {
  await demo?.handle.close();
});

const services = () => testServices(demo.db);
const ids = (measureId: string) => ({ consultationId: demo.consultationId, measureId });

/** A fresh measure of the editor's, with a code no other test uses. */
async function newMeasure(): Promise<{ id: string; code: string }> {
  const code = `A-${String(++counter).padStart(2, "0")}`;
  const id = await createMeasure(services(), demo.user("editor"), {
    ...validMeasureInput({ code, leadOrganisationId: leadId }),
    consultationId: demo.consultationId,
  });
  return { id, code };
}

const plan = (query = "") =>
  measuresPlan(
    services(),
    demo.user("observer"),
    demo.consultationId,
    parseMeasureQuery(new URLSearchParams(query)),
  );

const auditActions = async (measureId: string) =>
  (
    await demo.db
      .select({ action: auditLog.action, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(eq(auditLog.targetId, measureId))
  ).map((a) => a.action);

describe("archiving a measure", () => {
  it("takes it out of the plan (shown again on request), marks who and when, records and audits it", async () => {
    const m = await newMeasure();
    await archiveMeasure(services(), demo.user("editor"), { ...ids(m.id), ip: "192.0.2.7" });

    expect((await plan()).rows.map((r) => r.id)).not.toContain(m.id);
    const shown = await plan("archived=show");
    const row = shown.rows.find((r) => r.id === m.id);
    expect(row?.archivedAt).toBeInstanceOf(Date);
    expect((await plan()).archivedCount).toBeGreaterThanOrEqual(1);

    const detail = await measureDetail(
      services(),
      demo.user("observer"),
      demo.consultationId,
      m.id,
    );
    expect(detail.measure.archivedBy).toBe(
      (await demo.db.query.users.findFirst({
        where: (u, { eq: is }) => is(u.id, demo.user("editor").id),
      }))!.name,
    );
    const history = await demo.db
      .select({ kind: measureRevisions.kind })
      .from(measureRevisions)
      .where(eq(measureRevisions.measureId, m.id));
    expect(history.map((h) => h.kind)).toContain("archived");
    expect(await auditActions(m.id)).toContain("measure.archived");
  });

  it("makes the measure read-only and closes its positions", async () => {
    const m = await newMeasure();
    await archiveMeasure(services(), demo.user("moderator"), ids(m.id));
    const detail = await measureDetail(services(), demo.user("editor"), demo.consultationId, m.id);
    expect(detail.permissions).toMatchObject({
      edit: false,
      archive: false,
      restore: true,
      recordPosition: false,
    });
    expect(
      await outcome(
        updateMeasure(services(), demo.user("editor"), {
          ...validMeasureInput({ code: m.code, title: "Neu", leadOrganisationId: leadId }),
          ...ids(m.id),
        }),
      ),
    ).toBe("conflict:archive.readOnly");
    expect(
      await outcome(measureForm(services(), demo.user("editor"), demo.consultationId, m.id)),
    ).toBe("conflict:archive.readOnly");
    expect(
      await outcome(
        recordPosition(services(), demo.user("contributor"), {
          ...ids(m.id),
          stance: "approve",
          reasoning: "",
          conditions: "",
          costImpact: "",
          release: false,
        }),
      ),
    ).toBe("conflict:archive.positionsClosed");
    expect(await outcome(archiveMeasure(services(), demo.user("editor"), ids(m.id)))).toBe(
      "conflict:archive.alreadyArchived",
    );
  });

  it("leaves archived measures out of a new version; a version frozen before keeps them", async () => {
    const m = await newMeasure();
    const before = await freezeVersion(services(), demo.user("moderator"), {
      consultationId: demo.consultationId,
      name: `Vor dem Archivieren ${m.code}`,
    });
    await archiveMeasure(services(), demo.user("editor"), ids(m.id));
    const after = await freezeVersion(services(), demo.user("moderator"), {
      consultationId: demo.consultationId,
      name: `Nach dem Archivieren ${m.code}`,
    });
    const frozen = async (versionId: string) =>
      (
        await demo.db
          .select({ measureId: versionMeasures.measureId })
          .from(versionMeasures)
          .where(eq(versionMeasures.versionId, versionId))
      ).map((v) => v.measureId);
    expect(await frozen(before.id)).toContain(m.id);
    expect(await frozen(after.id)).not.toContain(m.id);
    expect((await frozen(after.id)).length).toBeGreaterThan(0);
  });

  it("can be undone: restoring puts the measure back into the plan, audited", async () => {
    const m = await newMeasure();
    await archiveMeasure(services(), demo.user("editor"), ids(m.id));
    await restoreMeasure(services(), demo.user("editor"), ids(m.id));
    expect((await plan()).rows.map((r) => r.id)).toContain(m.id);
    const [row] = await demo.db.select().from(measures).where(eq(measures.id, m.id));
    expect(row).toMatchObject({ archivedAt: null, archivedBy: null });
    expect(await auditActions(m.id)).toEqual(
      expect.arrayContaining(["measure.archived", "measure.restored"]),
    );
    expect(await outcome(restoreMeasure(services(), demo.user("editor"), ids(m.id)))).toBe(
      "conflict:archive.notArchived",
    );
  });

  it("is for moderators and editors only", async () => {
    const m = await newMeasure();
    for (const account of ["contributor", "releaser", "observer"] as const) {
      expect(
        await outcome(archiveMeasure(services(), demo.user(account), ids(m.id))),
        account,
      ).toBe("forbidden:role");
    }
    expect(await outcome(archiveMeasure(services(), demo.user("admin"), ids(m.id)))).toBe("ok");
  });
});

describe("deleting a measure", () => {
  it("removes a measure nothing refers to (moderators only), audited with code and title", async () => {
    const m = await newMeasure();
    expect(await outcome(deleteMeasure(services(), demo.user("editor"), ids(m.id)))).toBe(
      "forbidden:role",
    );
    const detail = await measureDetail(
      services(),
      demo.user("moderator"),
      demo.consultationId,
      m.id,
    );
    expect(detail.permissions.delete).toBe(true);
    expect(await deleteMeasure(services(), demo.user("moderator"), ids(m.id))).toEqual({
      code: m.code,
    });
    expect(await demo.db.select().from(measures).where(eq(measures.id, m.id))).toEqual([]);
    const [entry] = await demo.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, m.id), eq(auditLog.action, "measure.deleted")));
    expect(entry!.details).toMatchObject({ code: m.code, title: "Testmaßnahme Überprüfung" });
  });

  it("is refused once the measure has a position (even a draft): only archiving is left", async () => {
    const m = await newMeasure();
    await recordPosition(services(), demo.user("contributor"), {
      ...ids(m.id),
      stance: "concerns",
      reasoning: "Bedenken",
      conditions: "",
      costImpact: "",
      release: false,
    });
    const detail = await measureDetail(
      services(),
      demo.user("moderator"),
      demo.consultationId,
      m.id,
    );
    expect(detail.permissions).toMatchObject({ delete: false, archive: true });
    expect(detail.references?.positions).toBe(1);
    expect(await outcome(deleteMeasure(services(), demo.user("moderator"), ids(m.id)))).toBe(
      "conflict:archive.deleteHasPositions",
    );
    expect(await demo.db.select().from(measures).where(eq(measures.id, m.id))).toHaveLength(1);
    expect(await outcome(archiveMeasure(services(), demo.user("moderator"), ids(m.id)))).toBe("ok");
  });

  it("is refused while a requirement refers to the measure", async () => {
    const m = await newMeasure();
    const [requirement] = await demo.db
      .select({ id: requirements.id })
      .from(requirements)
      .where(eq(requirements.consultationId, demo.consultationId))
      .limit(1);
    await demo.db
      .insert(requirementMeasures)
      .values({ requirementId: requirement!.id, measureId: m.id });
    expect(await outcome(deleteMeasure(services(), demo.user("moderator"), ids(m.id)))).toBe(
      "conflict:archive.deleteReferenced",
    );
  });
});
