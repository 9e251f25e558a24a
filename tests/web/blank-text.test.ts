import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client.ts";
import { validateText } from "#app/lib/forms.ts";
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
    expect(validateText(form, { title: { required: true, max: 100 } }).errors.title).toBe(
      "form.required",
    );
    const admin = await createUser(handle.db, { isAdmin: true });
    expect(
      await fieldErrors(
        createConsultation(testServices(handle.db), admin, { title: invisible, description: "" }),
      ),
    ).toMatchObject({ title: "form.required" });
    // Zero-width characters inside real text stay.
    const kept = new FormData();
    kept.set("title", "Rat\u200Bschlag");
    expect(validateText(kept, { title: { required: true, max: 100 } }).values.title).toBe(
      "Rat\u200Bschlag",
    );
  });
});
