import { describe, expect, it } from "vitest";
import { de } from "#common/i18n/de.ts";
import { en } from "#common/i18n/en.ts";
import { formatDate, formatDateTime, translator } from "#common/i18n/index.ts";
import { messageTexts, type Message } from "#common/i18n/message.ts";

const placeholders = (message: Message) =>
  [
    ...new Set(
      messageTexts(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])),
    ),
  ].sort();

describe("message catalogues", () => {
  it("German and English have exactly the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it("no message is empty", () => {
    for (const [key, message] of [...Object.entries(de), ...Object.entries(en)]) {
      for (const text of messageTexts(message)) expect(text.trim(), key).not.toBe("");
    }
  });

  it("each message uses the same placeholders in both languages", () => {
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(de[key]));
    }
  });

  it("plural forms have an 'other' form and exist in both languages or in neither", () => {
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      const forms = [de[key] as Message, en[key]];
      expect(new Set(forms.map((m) => typeof m)).size, key).toBe(1);
      for (const m of forms) if (typeof m !== "string") expect(m.other, key).toBeTruthy();
    }
  });

  it("issue 12 item 7: picks the plural form by count with each language's plural rules", () => {
    const de_ = translator("de");
    const en_ = translator("en");
    expect(de_("comments.count", { count: 1 })).toBe("1 Eintrag");
    expect(de_("comments.count", { count: 0 })).toBe("0 Einträge");
    expect(de_("comments.count", { count: 2 })).toBe("2 Einträge");
    expect(de_("consolidation.sharedWith", { count: 1 })).toBe(
      "Gemeinsame Abwägung mit 1 weiteren Beitrag",
    );
    expect(de_("consolidation.sharedWith", { count: 3 })).toBe(
      "Gemeinsame Abwägung mit 3 weiteren Beiträgen",
    );
    expect(de_("measures.totals", { count: 1 })).toBe("Summe (1 Maßnahme)");
    expect(de_("consolidation.progressText", { done: 0, count: 1 })).toBe(
      "0 von 1 Beitrag abgewogen",
    );
    expect(en_("comments.count", { count: 1 })).toBe("1 entry");
    expect(en_("comments.count", { count: 5 })).toBe("5 entries");
    expect(en_("consolidation.sharedWith", { count: 1 })).toBe("Shared with 1 other item");
    expect(en_("measures.totals", { count: 2 })).toBe("Total (2 measures)");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    const t = translator("de");
    expect(t("nav.signedInAs", { name: "Jörg Müller" })).toBe("Angemeldet als Jörg Müller");
    expect(translator("en")("nav.signedInAs")).toBe("Signed in as {name}");
  });
});

describe("date formatting", () => {
  it("formats in Berlin time in each language, and the same way on every call", () => {
    const instant = new Date("2027-03-01T23:30:00Z"); // 2 March, 00:30 in Berlin
    expect(formatDate("de", instant)).toBe("2. März 2027");
    expect(formatDate("en", instant)).toBe("2 March 2027");
    expect(formatDateTime("de", instant)).toBe("02.03.2027, 00:30");
    expect(formatDateTime("en", "2027-03-01T23:30:00Z")).toBe("2 Mar 2027, 00:30");
    expect(formatDate("de", instant)).toBe("2. März 2027");
  });
});
