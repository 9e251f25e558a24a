import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { comments, requirements, sections } from "#db/schema/index.ts";
import { anchorsForRange } from "#common/anchors.ts";
import { createThread } from "#server/domain/threads.ts";
import { submitRequirement } from "#server/domain/requirement-commands.ts";
import { freezeVersion } from "#server/domain/versions.ts";
import { councilPackage, type CouncilPackage } from "#server/export/council.ts";
import { councilDocx } from "#server/export/docx.ts";
import { councilOdt } from "#server/export/odt.ts";
import { dispositionXlsx } from "#server/export/xlsx.ts";
import { seededDemo, type SeededDemo } from "#tests/measures/fixtures.ts";
import { testServices } from "#testkit/services.ts";

/**
 * Every UTF-16 code unit XML 1.0's Char production forbids: C0 controls except tab, line feed and
 * carriage return, U+FFFE, U+FFFF and every surrogate standing alone (each followed by "x", so no
 * high and low surrogate pair up into an allowed character).
 */
function forbiddenText(): string {
  const units: string[] = [];
  for (let c = 0; c < 0x20; c++)
    if (c !== 0x09 && c !== 0x0a && c !== 0x0d) units.push(String.fromCharCode(c));
  units.push("\ufffe", "\uffff");
  for (let c = 0xd800; c <= 0xdfff; c++) units.push(`${String.fromCharCode(c)}x`);
  return units.join("");
}
const FORBIDDEN = forbiddenText();

/** Parses every XML part of an OOXML/ODF zip with a strict XML 1.0 parser; returns the errors. */
function xmlErrors(zip: Uint8Array): string[] {
  const errors: string[] = [];
  const files = unzipSync(zip);
  const parts = Object.keys(files).filter((name) => /\.(xml|rels)$/.test(name));
  expect(parts.length).toBeGreaterThan(0);
  for (const name of parts) {
    const parser = new SaxesParser({ xmlns: true });
    parser.on("error", (error) => {
      errors.push(`${name}: ${error.message}`);
    });
    try {
      parser.write(strFromU8(files[name]!)).close();
    } catch (error) {
      errors.push(`${name}: ${(error as Error).message}`);
    }
  }
  return errors;
}

/** The package with the forbidden characters added to every text in it (not to block kinds). */
function poisoned<T>(value: T): T {
  if (typeof value === "string") return `${value}${FORBIDDEN}` as T;
  if (Array.isArray(value)) return value.map(poisoned) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === "kind" ? v : poisoned(v)]),
    ) as T;
  }
  return value;
}

let demo: SeededDemo;

beforeAll(async () => {
  demo = await seededDemo();
});
afterAll(async () => {
  await demo.handle.close();
});

describe("issue 10 item 11: exports survive any text", () => {
  it("issue 10 item 11: a requirement and a comment with every XML-forbidden character are stored clean and every DOCX, ODT and XLSX export parses as XML", async () => {
    const contributor = demo.user("contributor");
    const moderator = demo.user("moderator");
    const requirementId = await submitRequirement(testServices(demo.db), contributor, {
      consultationId: demo.consultationId,
      title: `Anforderung ${FORBIDDEN.slice(0, 40)} Ende`,
      description: `Beschreibung ${FORBIDDEN} Ende`,
      category: "data_protection",
      priority: "must",
      sectionIds: [],
      measureIds: [],
    });
    const [section] = await demo.db
      .select({ id: sections.id })
      .from(sections)
      .where(eq(sections.consultationId, demo.consultationId))
      .orderBy(sections.position)
      .limit(1);
    const doc = new Y.Doc();
    const text = new Y.XmlText("Souveränität");
    doc.getXmlFragment("default").insert(0, [text]);
    const anchor = anchorsForRange(text, 0, text, 5);
    const threadId = await createThread(testServices(demo.db), contributor, {
      sectionId: section!.id,
      kind: "comment",
      anchorStart: anchor.start,
      anchorEnd: anchor.end,
      quote: `Souve${FORBIDDEN}`,
      body: `Kommentar ${FORBIDDEN} Ende`,
    });

    const [requirement] = await demo.db
      .select({ title: requirements.title, description: requirements.description })
      .from(requirements)
      .where(eq(requirements.id, requirementId));
    expect(requirement!.description).toBe(`Beschreibung ${"x".repeat(0x800)} Ende`);
    expect(requirement!.title).toBe(
      `Anforderung ${FORBIDDEN.slice(0, 40).replace(/[^x]/g, "")} Ende`,
    );
    const [comment] = await demo.db
      .select({ body: comments.body })
      .from(comments)
      .where(eq(comments.threadId, threadId));
    expect(comment!.body).toBe(`Kommentar ${"x".repeat(0x800)} Ende`);

    const { id: versionId } = await freezeVersion(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      name: "Fassung mit Steuerzeichen",
    });
    const pkg = await councilPackage(testServices(demo.db), moderator, {
      consultationId: demo.consultationId,
      versionId,
      anonymous: false,
    });
    expect(pkg.feedback.some((f) => f.content.includes("Kommentar"))).toBe(true);
    expect(xmlErrors(await councilDocx(pkg))).toEqual([]);
    expect(xmlErrors(councilOdt(pkg))).toEqual([]);
    expect(xmlErrors(dispositionXlsx(pkg))).toEqual([]);
  });

  it("issue 10 item 11: every writer removes XML-forbidden characters from text stored before input was cleaned", async () => {
    const { id: versionId } = await freezeVersion(testServices(demo.db), demo.user("moderator"), {
      consultationId: demo.consultationId,
      name: "Alte Fassung",
    });
    const pkg: CouncilPackage = poisoned(
      await councilPackage(testServices(demo.db), demo.user("moderator"), {
        consultationId: demo.consultationId,
        versionId,
        anonymous: false,
      }),
    );
    expect(pkg.feedback[0]!.content).toContain("\uffff");
    expect(xmlErrors(await councilDocx(pkg))).toEqual([]);
    expect(xmlErrors(councilOdt(pkg))).toEqual([]);
    expect(xmlErrors(dispositionXlsx(pkg))).toEqual([]);
  });
});
