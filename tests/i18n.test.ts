import { describe, expect, it } from "vitest";
import { de } from "#app/i18n/de.ts";
import { en } from "#app/i18n/en.ts";
import { translator } from "#app/i18n/index.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  it("German and English have exactly the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it("no message is empty", () => {
    for (const [key, text] of [...Object.entries(de), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe("");
    }
  });

  it("each message uses the same placeholders in both languages", () => {
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(de[key]));
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    const t = translator("de");
    expect(t("nav.signedInAs", { name: "Jörg Müller" })).toBe("Angemeldet als Jörg Müller");
    expect(translator("en")("nav.signedInAs")).toBe("Signed in as {name}");
  });
});
