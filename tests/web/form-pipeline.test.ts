import { describe, expect, it } from "vitest";
import * as z from "zod";
import { field, formAction, handler, refuse } from "#app/lib/actions.server.ts";
import { THREAD_INTENTS } from "#common/thread-intents.ts";
import { threadIntents } from "#app/routes/section-threads.server.ts";
import { DomainError, forbidden, invalid, notFound } from "#server/domain/errors.ts";

function formOf(entries: [string, string][]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

/** The status and body of what formAction threw (a `data()` error response). */
async function thrownBy(work: Promise<unknown>): Promise<{ status?: number; data: unknown }> {
  try {
    await work;
  } catch (error) {
    const thrown = error as { init?: ResponseInit | null; data?: unknown };
    return { status: thrown.init?.status ?? undefined, data: thrown.data };
  }
  throw new Error("nothing was thrown");
}

const titled = z.object({ title: field.text({ required: true, max: 10 }) });

describe("formAction", () => {
  it("parses the fields and runs the handler with the cleaned input", async () => {
    let got: unknown;
    const result = await formAction(formOf([["title", "  Rat\u200Bschlag \u0001"]]), {
      schema: titled,
      run: async (input) => {
        got = input;
      },
    });
    expect(got).toEqual({ title: "Rat\u200Bschlag" });
    expect(result.init).toBeNull();
    expect(result.data).toEqual({ ok: true, errors: {}, values: {}, lists: {} });
  });

  it("answers schema errors as catalogue keys with a 400 and the typed values", async () => {
    let ran = false;
    const run = async () => {
      ran = true;
    };
    const blank = await formAction(formOf([["title", "\u200B \uFEFF"]]), { schema: titled, run });
    expect(blank.init?.status).toBe(400);
    expect(blank.data.errors).toEqual({ title: "form.required" });
    expect(blank.data.values).toEqual({ title: "\u200B \uFEFF" });
    const long = await formAction(formOf([["title", "x".repeat(11)]]), { schema: titled, run });
    expect(long.data.errors).toEqual({ title: "form.tooLong" });
    const missing = await formAction(new FormData(), { schema: titled, run });
    expect(missing.data.errors).toEqual({ title: "form.required" });
    const rules = z.object({
      code: field.text({ min: 3, max: 9, pattern: /^M-\d+$/, patternMessage: "form.email" }),
      other: field.text({ pattern: /^\d+$/ }),
    });
    const patterned = await formAction(
      formOf([
        ["code", "X-1"],
        ["other", "a"],
      ]),
      { schema: rules, run },
    );
    expect(patterned.data.errors).toEqual({ code: "form.email", other: "form.invalid" });
    const short = await formAction(formOf([["code", "M1"]]), { schema: rules, run });
    expect(short.data.errors).toEqual({ code: "form.tooShort" });
    expect(ran).toBe(false);
  });

  it("refuses a NUL byte in any field, read by the schema or not, before anything runs", async () => {
    let ran = false;
    const run = async () => {
      ran = true;
    };
    const result = await formAction(
      formOf([
        ["title", "Ti\u0000tel"],
        ["extra", "a\u0000b"],
      ]),
      { schema: z.object({ title: field.raw() }), run },
    );
    expect(ran).toBe(false);
    expect(result.init?.status).toBe(400);
    expect(result.data.errors).toEqual({
      title: "form.invalidCharacters",
      extra: "form.invalidCharacters",
    });
    // The echo never carries the NUL byte back.
    expect(result.data.values).toEqual({ title: "Titel", extra: "ab" });
    const inList = await formAction(formOf([["ids", "a\u0000"]]), {
      schema: z.object({ ids: field.list() }),
      run,
    });
    expect(inList.data.errors).toEqual({ ids: "form.invalidCharacters" });
    expect(ran).toBe(false);
  });

  it("dispatches on the intent; an unknown or missing intent is a 400", async () => {
    const calls: string[] = [];
    const intents = {
      lock: handler({
        schema: z.object({}),
        run: async () => {
          calls.push("lock");
        },
      }),
      rename: handler({
        schema: z.object({ name: field.raw() }),
        run: async ({ name }) => {
          calls.push(`rename ${name}`);
        },
      }),
    };
    const renamed = await formAction(
      formOf([
        ["intent", "rename"],
        ["name", "Neu"],
      ]),
      { intents },
    );
    expect(renamed.data).toMatchObject({ ok: true, intent: "rename" });
    expect(calls).toEqual(["rename Neu"]);
    for (const intent of [undefined, "", "delete", "constructor", "__proto__", "toString"]) {
      const form = intent === undefined ? new FormData() : formOf([["intent", intent]]);
      const thrown = await thrownBy(formAction(form, { intents }));
      expect(thrown, String(intent)).toEqual({ status: 400, data: { code: "bad_request" } });
    }
    expect(calls).toEqual(["rename Neu"]);
  });

  it("echoes every value of a repeated field in lists, and reads them as lists", async () => {
    let got: unknown;
    const schema = z.object({
      title: field.raw(),
      sectionIds: field.list(),
      measureIds: field.list(),
      pilot: field.checkbox(),
    });
    const form = formOf([
      ["title", "T"],
      ["sectionIds", "s1"],
      ["sectionIds", ""],
      ["sectionIds", "s2"],
      ["pilot", "on"],
    ]);
    const refused = await formAction(form, {
      schema,
      run: async (input) => {
        got = input;
        throw invalid({ title: "form.required" });
      },
    });
    expect(got).toEqual({ title: "T", sectionIds: ["s1", "s2"], measureIds: [], pilot: true });
    expect(refused.init?.status).toBe(400);
    expect(refused.data.errors).toEqual({ title: "form.required" });
    expect(refused.data.values).toEqual({ title: "T", sectionIds: "s1", pilot: "on" });
    expect(refused.data.lists).toEqual({ sectionIds: ["s1", "", "s2"], measureIds: [] });
  });

  it("maps DomainError: invalid 400, conflict 409, forbidden and not found to the boundary", async () => {
    const form = formOf([
      ["intent", "go"],
      ["name", "Typed"],
    ]);
    const failing = (error: Error) => ({
      intents: {
        go: handler({
          schema: z.object({ name: field.raw() }),
          run: async () => {
            throw error;
          },
        }),
      },
    });
    const bad = await formAction(form, failing(invalid({ name: "form.tooLong", odd: "no.key" })));
    expect(bad.init?.status).toBe(400);
    expect(bad.data).toMatchObject({
      ok: false,
      intent: "go",
      errors: { name: "form.tooLong", odd: "form.invalid" },
      values: { intent: "go", name: "Typed" },
    });
    expect(bad.data.formError).toBeUndefined();

    const conflict = await formAction(
      form,
      failing(new DomainError("conflict", "members.lastModerator", { userId: "form.invalid" })),
    );
    expect(conflict.init?.status).toBe(409);
    expect(conflict.data).toMatchObject({
      ok: false,
      formError: "members.lastModerator",
      errors: { userId: "form.invalid" },
      values: { name: "Typed" },
    });
    const unknownCode = await formAction(form, failing(new DomainError("conflict", "no_key")));
    expect(unknownCode.data.formError).toBeUndefined();

    expect(await thrownBy(formAction(form, failing(forbidden("role"))))).toEqual({
      status: 403,
      data: { code: "role" },
    });
    expect(await thrownBy(formAction(form, failing(notFound())))).toEqual({
      status: 404,
      data: { code: "not_found" },
    });
    const crash = new Error("boom");
    await expect(formAction(form, failing(crash))).rejects.toBe(crash);
  });

  it("never echoes a password, and takes it exactly as typed", async () => {
    let got: unknown;
    const schema = z.object({
      email: field.text({ required: true, max: 254 }),
      password: field.text({ required: true, max: 256, trim: false }),
      newPassword: field.raw(),
    });
    const form = formOf([
      ["email", " a@b.example "],
      ["password", "  geheim  "],
      ["newPassword", "x"],
      ["intent", "login"],
    ]);
    const refused = await formAction(form, {
      schema,
      run: async (input) => {
        got = input;
        return refuse(401, { formError: "login.invalid" });
      },
    });
    expect(got).toEqual({ email: "a@b.example", password: "  geheim  ", newPassword: "x" });
    expect(refused.init?.status).toBe(401);
    expect(refused.data).toMatchObject({ ok: false, formError: "login.invalid", errors: {} });
    expect(refused.data.values).toEqual({ email: " a@b.example ", intent: "login" });
    const invalidToo = await formAction(form, {
      schema,
      run: async () => {
        throw invalid({ password: "form.passwordTooShort" });
      },
    });
    expect(invalidToo.data.values).not.toHaveProperty("password");
    expect(invalidToo.data.values).not.toHaveProperty("newPassword");
    expect(JSON.stringify(invalidToo.data)).not.toContain("geheim");
  });

  it("carries a handler's extra payload and its own refusals with params", async () => {
    const intents = {
      decide: handler({
        schema: z.object({ force: field.raw() }),
        run: async ({ force }) =>
          force === "1"
            ? { decided: true }
            : refuse(409, { formError: "comments.error.changed", extra: { current: "Alt" } }),
      }),
      wait: handler({
        schema: z.object({}),
        run: async () =>
          refuse(429, { formError: "login.throttled", formErrorParams: { minutes: 3 } }),
      }),
    };
    const done = await formAction(
      formOf([
        ["intent", "decide"],
        ["force", "1"],
      ]),
      { intents },
    );
    expect(done.data).toMatchObject({ ok: true, extra: { decided: true } });
    const changed = await formAction(formOf([["intent", "decide"]]), { intents });
    expect(changed.init?.status).toBe(409);
    expect(changed.data).toMatchObject({
      ok: false,
      formError: "comments.error.changed",
      extra: { current: "Alt" },
    });
    const throttled = await formAction(formOf([["intent", "wait"]]), { intents });
    expect(throttled.init?.status).toBe(429);
    expect(throttled.data.formErrorParams).toEqual({ minutes: 3 });
  });

  it("handles exactly the section page's comment intents", () => {
    const intents = threadIntents({} as never, {} as never, "section");
    expect(new Set(Object.keys(intents))).toEqual(new Set(THREAD_INTENTS));
  });
});
