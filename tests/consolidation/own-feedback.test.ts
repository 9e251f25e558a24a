import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requirements } from "#db/schema/index.ts";
import { requirementCategories } from "#common/vocabularies.ts";
import { consultationAccess } from "#server/domain/access.ts";
import { hasOwnFeedback } from "#server/domain/feedback/own-feedback.ts";
import { loadFeedbackItems } from "#server/domain/feedback/items.ts";
import { seededDemo, type Account, type SeededDemo } from "#tests/measures/fixtures.ts";

let demo: SeededDemo;

beforeAll(async () => {
  demo = await seededDemo();
});
afterAll(async () => {
  await demo.handle.close();
});

async function accessOf(account: Account) {
  return consultationAccess(demo.db, demo.user(account), demo.consultationId);
}

/** What the feedback queue says: does the organisation have at least one item? */
async function queueHasItemsOf(organisationId: string | null) {
  const items = await loadFeedbackItems(demo.db, demo.consultationId);
  return organisationId !== null && items.some((i) => i.organisationId === organisationId);
}

describe("issue 12 item 16: who gets the link to the answers to their own feedback", () => {
  it("agrees with the feedback queue for every demo account", async () => {
    for (const account of ["admin", "moderator", "editor", "contributor", "observer"] as const) {
      const access = await accessOf(account);
      expect(await hasOwnFeedback(demo.db, access), account).toBe(
        await queueHasItemsOf(access.organisationId),
      );
    }
  });

  it("is false for the admin without organisation and the observer's organisation without items, true once it has one", async () => {
    expect(await hasOwnFeedback(demo.db, await accessOf("admin"))).toBe(false);
    const observer = await accessOf("observer");
    expect(await hasOwnFeedback(demo.db, observer)).toBe(false);
    await demo.db.insert(requirements).values({
      consultationId: demo.consultationId,
      organisationId: observer.organisationId!,
      authorId: demo.user("observer").id,
      title: "Barrierefreie Formulare",
      category: requirementCategories[0],
      priority: "must",
    });
    expect(await hasOwnFeedback(demo.db, observer)).toBe(true);
  });

  it("is true for an organisation with released positions", async () => {
    expect(await hasOwnFeedback(demo.db, await accessOf("contributor"))).toBe(true);
  });
});
