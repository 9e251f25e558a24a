import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client.ts";
import * as z from "zod";
import { field, formAction } from "#app/lib/actions.server.ts";
import { createConsultation } from "#server/domain/consultations.ts";
import { DomainError } from "#server/domain/errors.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { createUser } from "#tests/helpers/fixtures.ts";
import { testServices } from "#testkit/services.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

async function fieldErrors(work: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors;
    throw error;
  }
  return {};
}

describe("blank text", () => {
  const invisible = "\u200B \u200C\u200D\u2060\uFEFF";

  it("issue 10 item 13: text of only zero-width characters counts as empty", async () => {
    const form = new FormData();
    form.set("title", invisible);
    const schema = z.object({ title: field.text({ required: true, max: 100 }) });
    let typed: string | undefined;
    const run = async ({ title }: { title: string }) => {
      typed = title;
    };
    expect((await formAction(form, { schema, run })).data.errors.title).toBe("form.required");
    const admin = await createUser(handle.db, { isAdmin: true });
    expect(
      await fieldErrors(
        createConsultation(testServices(handle.db), admin, { title: invisible, description: "" }),
      ),
    ).toMatchObject({ title: "form.required" });
    // Zero-width characters inside real text stay.
    const kept = new FormData();
    kept.set("title", "Rat\u200Bschlag");
    await formAction(kept, { schema, run });
    expect(typed).toBe("Rat\u200Bschlag");
  });
});
