import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client.ts";
import { consultationMembers } from "#db/schema/index.ts";
import { changeMemberRole, removeMember } from "#server/domain/members.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { createConsultationFixture, createUser } from "#tests/helpers/fixtures.ts";
import { testServices } from "#testkit/services.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

describe("last moderator", () => {
  it("issue 10 item 13: two concurrent demotions cannot remove the last moderator", async () => {
    for (let round = 0; round < 3; round++) {
      const fx = await createConsultationFixture(handle.db);
      const second = await createUser(handle.db, {
        organisationId: fx.members.moderator.organisationId,
      });
      await handle.db.insert(consultationMembers).values({
        consultationId: fx.consultation.id,
        userId: second.id,
        role: "moderator",
        organisationId: fx.members.moderator.organisationId,
      });
      const results = await Promise.allSettled([
        changeMemberRole(testServices(handle.db), fx.admin, {
          consultationId: fx.consultation.id,
          userId: fx.members.moderator.id,
          role: "editor",
        }),
        round === 2
          ? removeMember(testServices(handle.db), fx.admin, {
              consultationId: fx.consultation.id,
              userId: second.id,
            })
          : changeMemberRole(testServices(handle.db), fx.admin, {
              consultationId: fx.consultation.id,
              userId: second.id,
              role: "editor",
            }),
      ]);
      const moderators = await handle.db
        .select()
        .from(consultationMembers)
        .where(
          and(
            eq(consultationMembers.consultationId, fx.consultation.id),
            eq(consultationMembers.role, "moderator"),
          ),
        );
      expect(moderators).toHaveLength(1);
      const refused = results.filter((r) => r.status === "rejected");
      expect(refused).toHaveLength(1);
      expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
        code: "members.lastModerator",
      });
    }
  });
});
