import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, organisations, sections } from "#db/schema/index.ts";
import { sentenceSegments, sentenceText } from "#common/audit-sentence.ts";
import { catalogues, translator } from "#common/i18n/index.ts";
import { acting, audit } from "#server/audit.ts";
import {
  AUDIT_PAGE_SIZE,
  auditLogExport,
  consultationAuditLog,
  parseAuditQuery,
} from "#server/domain/audit-log.ts";
import {
  AUDIT_SENTENCES,
  describeEntry,
  type AuditLookup,
  type DescribedEntry,
} from "#server/domain/audit-log/describe.ts";
import { auditKindOf, berlinMidnight } from "#server/domain/audit-log/query.ts";
import { recordPosition } from "#server/domain/positions/commands.ts";
import { seededDemo, type SeededDemo } from "#tests/measures/fixtures.ts";
import { testServices } from "#testkit/services.ts";

const de = translator("de");
const en = translator("en");

/** Every action code an `audit(…)` call in server/ writes, read from the source. */
function writtenActionCodes(): string[] {
  const codes = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (file.endsWith(".ts")) {
        const source = fs.readFileSync(file, "utf8");
        if (!source.includes("audit(")) continue;
        // `action: "a.b"` and `action: cond ? "a.b" : "a.c"`, up to the end of the line.
        for (const [, value] of source.matchAll(/\baction:\s*([^\n]+)/g)) {
          for (const [, code] of value.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) codes.add(code);
        }
      }
    }
  };
  visit(path.resolve(import.meta.dirname, "../server"));
  return [...codes].sort();
}

const emptyLookup: AuditLookup = {
  section: () => undefined,
  measure: () => undefined,
  measureByCode: () => undefined,
  thread: () => undefined,
  requirement: () => undefined,
  version: () => undefined,
  user: () => undefined,
  organisation: () => undefined,
};

const entry = (overrides: Partial<DescribedEntry>): DescribedEntry => ({
  action: "section.locked",
  targetType: "section",
  targetId: null,
  actor: "Katrin Lehmann",
  actorLabel: "moderator@ratschlag.test",
  organisation: "Amt für Digitalisierung",
  details: {},
  ...overrides,
});

describe("issue 12 item 14: the describer", () => {
  it("issue 12 item 14: every action code written in server/ has a sentence in both languages", () => {
    const codes = writtenActionCodes();
    // The grep finds the codes (a broken pattern must not pass by finding none).
    expect(codes).toContain("disposition.set");
    expect(codes).toContain("suggestion.rejected");
    expect(codes.length).toBeGreaterThan(40);
    const missing = codes.filter(
      (code) =>
        !Object.hasOwn(AUDIT_SENTENCES, code) ||
        !(`audit.sentence.${code}` in catalogues.de) ||
        !(`audit.sentence.${code}` in catalogues.en),
    );
    expect(missing).toEqual([]);
    for (const code of codes) {
      for (const t of [de, en]) {
        const text = sentenceText(t, describeEntry(entry({ action: code }), emptyLookup));
        // Every placeholder is filled, and no code name or JSON reaches the reader.
        expect(text, code).not.toMatch(/[{}]|audit\.|_/);
        expect(text, code).not.toContain(code);
      }
    }
  });

  it("issue 12 item 14: a disposition reads as a sentence with person, organisation, count and category", () => {
    const sentence = describeEntry(
      entry({
        action: "disposition.set",
        targetType: "disposition",
        details: {
          items: ["thread:a", "thread:b", "requirement:c"],
          category: "partly_accepted",
          justification: "…",
          links: [],
        },
      }),
      emptyLookup,
    );
    expect(sentenceText(de, sentence)).toBe(
      "Katrin Lehmann (Amt für Digitalisierung) hat 3 Beiträge als „teilweise berücksichtigt“ abgewogen.",
    );
    expect(sentenceText(en, sentence)).toBe(
      "Katrin Lehmann (Amt für Digitalisierung) dispositioned 3 items as “partly accepted”.",
    );
    const one = describeEntry(
      entry({ action: "disposition.set", details: { items: ["thread:a"], category: "noted" } }),
      emptyLookup,
    );
    expect(sentenceText(de, one)).toContain("hat 1 Beitrag als „zur Kenntnis genommen“ abgewogen");
  });

  it("issue 12 item 14: objects become links when found; gone ones say so; unknown codes read generically", () => {
    const lookup: AuditLookup = {
      ...emptyLookup,
      section: (id) => (id === "s1" ? { text: "Leitbild", href: "/c/x/s/s1" } : undefined),
    };
    const found = sentenceSegments(de, describeEntry(entry({ targetId: "s1" }), lookup));
    expect(found).toContainEqual({ text: "Leitbild", href: "/c/x/s/s1" });
    expect(sentenceText(de, describeEntry(entry({ targetId: "s2" }), lookup))).toBe(
      "Katrin Lehmann (Amt für Digitalisierung) hat den Abschnitt (nicht mehr vorhanden) gesperrt.",
    );
    const unknown = describeEntry(
      entry({ action: "thing.frobbed", details: { secret: "x", id: "123" } }),
      lookup,
    );
    expect(sentenceText(de, unknown)).toBe(
      "Katrin Lehmann (Amt für Digitalisierung) hat eine Änderung vorgenommen.",
    );
    const system = describeEntry(
      entry({ action: "demo.seeded", actor: null, actorLabel: "system", organisation: null }),
      lookup,
    );
    expect(sentenceText(de, system)).toBe(
      "Das System hat das Demo-Verfahren mit Beispieldaten angelegt.",
    );
  });

  it("issue 12 item 14: kinds group action codes; period days start at midnight in Berlin", () => {
    expect(auditKindOf("comment.created")).toBe("comments");
    expect(auditKindOf("suggestion.accepted")).toBe("comments");
    expect(auditKindOf("disposition.published")).toBe("consolidation");
    expect(auditKindOf("thing.frobbed")).toBe("other");
    expect(berlinMidnight("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(berlinMidnight("2026-07-15").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    const query = parseAuditQuery(
      new URLSearchParams("person=nope&kind=bogus&from=2026-13-45&to=2026-02-01&page=-3"),
    );
    expect(query).toEqual({
      person: "",
      organisation: "",
      kind: "",
      from: "",
      to: "2026-02-01",
      page: 1,
    });
  });
});

describe("issue 12 item 14: filters and paging", () => {
  let demo: SeededDemo;
  let sectionId: string;
  let editorOrganisation: string;

  beforeAll(async () => {
    demo = await seededDemo();
    const [section] = await demo.db
      .select({ id: sections.id })
      .from(sections)
      .where(eq(sections.consultationId, demo.consultationId))
      .limit(1);
    sectionId = section!.id;
    const [org] = await demo.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.name, "Kämmerei"));
    editorOrganisation = org!.id;
    const editor = demo.user("editor");
    // 120 entries by the editor, spread over three days of January 2026 (Berlin time).
    for (let i = 0; i < 120; i++) {
      await demo.db.insert(auditLog).values({
        at: new Date(Date.UTC(2026, 0, 10 + (i % 3), 12, 0, i % 60)),
        actorUserId: editor.id,
        actorLabel: editor.email,
        actingOrganisationId: editorOrganisation,
        action: i % 2 ? "section.locked" : "section.unlocked",
        targetType: "section",
        targetId: sectionId,
        consultationId: demo.consultationId,
        details: {},
      });
    }
    await audit(demo.db, acting(demo.user("moderator"), null, null), {
      action: "member.removed",
      targetType: "user",
      targetId: editor.id,
      consultationId: demo.consultationId,
      details: { role: "editor" },
    });
  });
  afterAll(async () => {
    await demo.handle.close();
  });

  const read = (params: string) =>
    consultationAuditLog(
      testServices(demo.db),
      demo.user("moderator"),
      demo.consultationId,
      parseAuditQuery(new URLSearchParams(params)),
    );

  it("issue 12 item 14: pages of 50, newest first by id, without gaps or overlaps", async () => {
    const editor = demo.user("editor").id;
    const first = await read(`person=${editor}`);
    expect(first.total).toBe(120);
    expect(first.pages).toBe(3);
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    const second = await read(`person=${editor}&page=2`);
    const third = await read(`person=${editor}&page=3`);
    expect(third.entries).toHaveLength(20);
    const ids = [...first.entries, ...second.entries, ...third.entries].map((e) => e.id);
    expect(new Set(ids).size).toBe(120);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // A page past the end shows the last one.
    expect((await read(`person=${editor}&page=99`)).page).toBe(3);
  });

  it("issue 12 item 14: filters by person, organisation, kind and period", async () => {
    const editor = demo.user("editor").id;
    const byPerson = await read(`person=${editor}`);
    expect(byPerson.entries.every((e) => e.actor === nameOf(byPerson, editor))).toBe(true);
    expect(byPerson.options.people.map((p) => p.id)).toContain(editor);

    const byOrganisation = await read(`organisation=${editorOrganisation}`);
    expect(byOrganisation.total).toBe(120);
    expect(byOrganisation.entries.every((e) => e.organisation === "Kämmerei")).toBe(true);

    const members = await read("kind=members");
    expect(members.entries.map((e) => e.action)).toContain("member.removed");
    expect(members.entries.every((e) => e.action.startsWith("member."))).toBe(true);
    const removal = members.entries.find((e) => e.action === "member.removed")!;
    expect(sentenceText(de, removal.sentence)).toMatch(
      /^Katrin Lehmann .*hat Stefan Wagner aus dem Verfahren entfernt\.$/,
    );

    // 10, 11 and 12 January hold 40 entries each; the period includes both end days.
    expect((await read(`person=${editor}&from=2026-01-11&to=2026-01-11`)).total).toBe(40);
    expect((await read(`person=${editor}&from=2026-01-11`)).total).toBe(80);
    expect((await read(`person=${editor}&to=2026-01-11`)).total).toBe(80);
    expect((await read(`person=${editor}&from=2026-02-01`)).total).toBe(0);

    const sections = await read(`kind=sections&person=${editor}`);
    const segments = sentenceSegments(de, sections.entries[0]!.sentence);
    expect(segments.find((s) => s.href)?.href).toBe(`/c/${demo.consultationId}/s/${sectionId}`);
  });

  it("issue 12 item 14: another organisation's draft reads without its stance, linked to the measure", async () => {
    await recordPosition(testServices(demo.db), demo.user("contributor"), {
      consultationId: demo.consultationId,
      measureId: demo.measureId("M-01"),
      stance: "reject",
      reasoning: "Geheimer Entwurfstext",
      conditions: "",
      costImpact: "",
      release: false,
    });
    const log = await read("kind=positions");
    const draft = log.entries.find((e) => e.action === "position.drafted")!;
    const text = sentenceText(de, draft.sentence);
    expect(text).toMatch(
      /^Julia Schäfer \(Stadtwerke\) hat einen Entwurf der Stellungnahme zur Maßnahme M-01 .+ gespeichert\.$/,
    );
    expect(text).not.toMatch(/Ablehnung|Geheim/);
    expect(sentenceSegments(de, draft.sentence).find((s) => s.href)?.href).toBe(
      `/c/${demo.consultationId}/measures/${demo.measureId("M-01")}`,
    );
  });

  it("issue 12 item 14: the export holds every filtered entry, not one page; others may not read it", async () => {
    const editor = demo.user("editor").id;
    const all = await auditLogExport(
      testServices(demo.db),
      demo.user("moderator"),
      demo.consultationId,
      parseAuditQuery(new URLSearchParams(`person=${editor}`)),
    );
    expect(all).toHaveLength(120);
    await expect(
      auditLogExport(
        testServices(demo.db),
        demo.user("contributor"),
        demo.consultationId,
        parseAuditQuery(new URLSearchParams()),
      ),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });
});

function nameOf(log: { options: { people: { id: string; name: string }[] } }, id: string) {
  return log.options.people.find((p) => p.id === id)?.name;
}
