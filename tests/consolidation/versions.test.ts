import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  measures,
  measureSections,
  sections,
  versionMeasures,
  versions,
  versionSections,
} from "#db/schema/index.ts";
import * as versionDomain from "#server/domain/versions.ts";
import { compareSnapshots } from "#server/domain/version-diff.ts";
import {
  comparisonPage,
  freezeVersion,
  versionPage,
  versionsPage,
} from "#server/domain/versions.ts";
import { wordDiff } from "#server/domain/word-diff.ts";
import { outcome, seededDemo, type SeededDemo } from "#tests/measures/fixtures.ts";
import { testServices } from "#testkit/services.ts";

let demo: SeededDemo;
beforeAll(async () => {
  demo = await seededDemo();
});
afterAll(async () => {
  await demo.handle.close();
});

describe("word diff", () => {
  it("marks exactly the changed words", () => {
    const parts = wordDiff(
      "Die Stadt prüft offene Standards bis 2027.",
      "Die Stadt führt offene Standards verbindlich bis 2028 ein.",
    );
    expect(parts.filter((p) => p.type === "del").map((p) => p.text.trim())).toEqual([
      "prüft",
      "2027.",
    ]);
    expect(parts.filter((p) => p.type === "ins").map((p) => p.text.trim())).toEqual([
      "führt",
      "verbindlich",
      "2028 ein.",
    ]);
    const join = (types: string[]) =>
      parts
        .filter((p) => types.includes(p.type))
        .map((p) => p.text)
        .join("");
    expect(join(["same", "del"])).toBe("Die Stadt prüft offene Standards bis 2027.");
    expect(join(["same", "ins"])).toBe(
      "Die Stadt führt offene Standards verbindlich bis 2028 ein.",
    );
  });

  it("reports no change for identical texts", () => {
    expect(wordDiff("Gleicher Text", "Gleicher Text")).toEqual([
      { type: "same", text: "Gleicher Text" },
    ]);
  });
});

describe("named versions", () => {
  it("freezes all sections and measures under a new name, and refuses empty and duplicate names", async () => {
    const moderator = demo.user("moderator");
    expect(
      await outcome(
        freezeVersion(testServices(demo.db), moderator, {
          consultationId: demo.consultationId,
          name: "  ",
        }),
      ),
    ).toBe("invalid:invalid");
    const first = await freezeVersion(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      name: "Entwurf 1",
    });
    expect(
      await outcome(
        freezeVersion(testServices(demo.db), moderator, {
          consultationId: demo.consultationId,
          name: "Entwurf  1",
        }),
      ),
    ).toBe("invalid:invalid");
    const list = await versionsPage(
      testServices(demo.db),
      demo.user("observer"),
      demo.consultationId,
    );
    expect(list.versions.map((v) => v.name)).toEqual(["Entwurf 1"]);
    expect(list.versions[0]!.frozenByName).toBeTruthy();
    const page = await versionPage(testServices(demo.db), demo.user("observer"), {
      consultationId: demo.consultationId,
      versionId: first.id,
    });
    const sectionCount = await demo.db.$count(
      sections,
      eq(sections.consultationId, demo.consultationId),
    );
    const measureCount = await demo.db.$count(
      measures,
      eq(measures.consultationId, demo.consultationId),
    );
    expect(page.sections).toHaveLength(sectionCount);
    expect(page.measures).toHaveLength(measureCount);
  });

  it("a version stays as frozen when the measures change, and the comparison shows the change field by field", async () => {
    const moderator = demo.user("moderator");
    const [v1] = await demo.db.select().from(versions).where(eq(versions.name, "Entwurf 1"));
    const measureId = demo.measureId("M-01");
    const [original] = await demo.db.select().from(measures).where(eq(measures.id, measureId));
    await demo.db
      .update(measures)
      .set({ title: `${original!.title} (überarbeitet)` })
      .where(eq(measures.id, measureId));
    const v1Page = await versionPage(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      versionId: v1!.id,
    });
    expect(v1Page.measures.find((m) => m.code === "M-01")!.fields.title).toBe(original!.title);

    const v2 = await freezeVersion(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      name: "Ratsfassung",
    });
    const compared = await comparisonPage(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      from: v1!.id,
      to: v2.id,
    });
    expect(compared.comparison!.measures).toEqual([
      {
        code: "M-01",
        title: `${original!.title} (überarbeitet)`,
        change: "changed",
        fields: [
          { field: "title", from: original!.title, to: `${original!.title} (überarbeitet)` },
        ],
      },
    ]);
    expect(compared.comparison!.sections.every((s) => s.change === "unchanged")).toBe(true);
    const withCurrent = await comparisonPage(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      from: v2.id,
      to: "current",
    });
    expect(withCurrent.comparison!.measures).toEqual([]);
  });

  it("keeps a measure in the frozen form every stored version uses (keys and formats never change)", async () => {
    const measureId = demo.measureId("M-01");
    await demo.db
      .update(measures)
      .set({
        costOneOffCents: 125000,
        costYearlyCents: null,
        pilot: true,
        applicationDeadline: null,
      })
      .where(eq(measures.id, measureId));
    const { measures: frozen } = await versionDomain.currentSnapshot(
      testServices(demo.db),
      demo.consultationId,
    );
    const fields = frozen.find((m) => m.measureId === measureId)!.fields;
    expect(Object.keys(fields).sort()).toEqual(
      [
        "code",
        "title",
        "description",
        "leadOrganisation",
        "partners",
        "start",
        "end",
        "costOneOffCents",
        "costYearlyCents",
        "fundingProgramme",
        "fundingStatus",
        "applicationDeadline",
        "priority",
        "status",
        "pilot",
        "sections",
      ].sort(),
    );
    expect(fields).toMatchObject({
      code: "M-01",
      costOneOffCents: "125000",
      costYearlyCents: "",
      pilot: "yes",
      applicationDeadline: "",
    });
    expect(fields.start).toMatch(/^\d{4}-Q[1-4]$/);
    // Section titles as they are, without the numbers the readable form puts in front.
    const [linked] = await demo.db
      .select({ title: sections.title })
      .from(measureSections)
      .innerJoin(sections, eq(sections.id, measureSections.sectionId))
      .where(eq(measureSections.measureId, measureId))
      .orderBy(asc(sections.position))
      .limit(1);
    expect(fields.sections.startsWith(linked!.title)).toBe(true);
  });

  it("compares section texts word by word and lists added and removed sections and measures", () => {
    const section = (id: string, text: string) => ({
      sectionId: id,
      position: 1,
      title: id,
      blocks: [],
      text,
    });
    const result = compareSnapshots(
      {
        sections: [section("a", "Alles bleibt gleich"), section("b", "weg")],
        measures: [{ measureId: "m1", code: "M-01", fields: { title: "Alt" } }],
      },
      {
        sections: [section("a", "Alles wird gleich"), section("c", "neu")],
        measures: [{ measureId: "m2", code: "M-02", fields: { title: "Neu" } }],
      },
    );
    expect(result.sections.map((s) => [s.sectionId, s.change])).toEqual([
      ["a", "changed"],
      ["b", "removed"],
      ["c", "added"],
    ]);
    expect(result.sections[0]!.parts).toEqual([
      { type: "same", text: "Alles " },
      { type: "del", text: "bleibt" },
      { type: "ins", text: "wird" },
      { type: "same", text: " gleich" },
    ]);
    expect(result.measures.map((m) => [m.code, m.change])).toEqual([
      ["M-01", "removed"],
      ["M-02", "added"],
    ]);
  });

  it("is immutable: the domain has no way to change a version and the database rejects UPDATE and DELETE", async () => {
    const exported = Object.keys(versionDomain);
    expect(exported.filter((name) => /^(update|delete|remove|rename|edit)/i.test(name))).toEqual(
      [],
    );
    const [v1] = await demo.db.select().from(versions).where(eq(versions.name, "Entwurf 1"));
    await expect(
      demo.db.update(versions).set({ name: "Umbenannt" }).where(eq(versions.id, v1!.id)),
    ).rejects.toThrow();
    await expect(demo.db.delete(versions).where(eq(versions.id, v1!.id))).rejects.toThrow();
    await expect(
      demo.db
        .update(versionSections)
        .set({ text: "geändert" })
        .where(eq(versionSections.versionId, v1!.id)),
    ).rejects.toThrow();
    await expect(
      demo.db.delete(versionMeasures).where(eq(versionMeasures.versionId, v1!.id)),
    ).rejects.toThrow();
    await expect(demo.db.execute(sql`truncate version_sections`)).rejects.toThrow();
    const [still] = await demo.db.select().from(versions).where(eq(versions.id, v1!.id));
    expect(still!.name).toBe("Entwurf 1");
  });

  it("refuses versions of other consultations and unknown ids", async () => {
    const moderator = demo.user("moderator");
    expect(
      await outcome(
        versionPage(testServices(demo.db), moderator, {
          consultationId: demo.consultationId,
          versionId: "00000000-0000-4000-8000-000000000000",
        }),
      ),
    ).toBe("not_found:versions.notFound");
    expect(
      await outcome(
        versionPage(testServices(demo.db), moderator, {
          consultationId: demo.consultationId,
          versionId: "kaputt",
        }),
      ),
    ).toBe("not_found:versions.notFound");
  });
});
