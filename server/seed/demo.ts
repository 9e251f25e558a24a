import { eq, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import { consultations } from "#db/schema/index.ts";
import { audit } from "#server/audit.ts";
import { hashPassword } from "#server/auth/password.ts";
import {
  DEMO_CONSULTATION_TITLE,
  DEMO_PASSWORD,
  demoLogins,
  demoOrganisations,
  type DemoLogin,
} from "./demo-data.ts";
import { demoMeasures, demoPositions, demoRequirements } from "./demo-measures.ts";
import { demoSections } from "./demo-sections.ts";
import {
  lookup,
  seedConsultation,
  seedMeasures,
  seedOrganisations,
  seedPositions,
  seedRequirements,
  seedSections,
  seedUsers,
  type SeedIds,
} from "./demo-steps.ts";

export {
  DEMO_CONSULTATION_TITLE,
  DEMO_PASSWORD,
  type DemoLogin,
  type DemoRole,
} from "./demo-data.ts";

/** Arbitrary constant: serialises concurrent seed runs against the same database. */
const SEED_LOCK = 727_274_002;

export interface SeedResult {
  /** False when the demo consultation already existed and nothing was written. */
  created: boolean;
  logins: DemoLogin[];
}

async function demoExists(db: Pick<Database, "select">): Promise<boolean> {
  const rows = await db
    .select({ id: consultations.id })
    .from(consultations)
    .where(eq(consultations.title, DEMO_CONSULTATION_TITLE))
    .limit(1);
  return rows.length > 0;
}

/**
 * Writes the demo consultation with its organisations, users, members and sections. Idempotent:
 * when a consultation with the demo title exists, nothing is written. All rows are inserted in
 * one transaction. Organisations (by name) and users (by email) that already exist are reused
 * and left unchanged; in particular an existing account's password is never overwritten.
 */
export async function seedDemo(db: Database, options: { now?: Date } = {}): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const logins = demoLogins.map((login) => ({ ...login, email: login.email.toLowerCase() }));
  if (await demoExists(db)) return { created: false, logins };

  // Argon2id is deliberately slow: hash once, outside the transaction, and share the hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const created = await db.transaction(async (tx) => {
    // Another seed run may have started meanwhile; the lock plus a second check keeps one demo.
    await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(SEED_LOCK))})`);
    if (await demoExists(tx)) return false;

    const orgId = await seedOrganisations(tx);
    const userId = await seedUsers(tx, logins, orgId, passwordHash);
    const moderator = logins.find((login) => login.role === "moderator");
    const moderatorId = moderator ? lookup(userId, moderator.email, "user") : null;
    const consultationId = await seedConsultation(tx, logins, { orgId, userId, moderatorId }, now);
    const sectionId = await seedSections(tx, { orgId, moderatorId, consultationId }, now);
    const ids: SeedIds = { orgId, userId, moderatorId, consultationId, sectionId };
    const moderatorOrg = moderator ? lookup(orgId, moderator.organisation, "organisation") : null;
    const measureId = await seedMeasures(tx, ids, moderatorOrg, now);
    await seedRequirements(tx, ids, measureId, now);
    await seedPositions(tx, ids, measureId, now);

    await audit(
      tx,
      { userId: null, label: "system", organisationId: null, ip: null },
      {
        action: "demo.seeded",
        targetType: "consultation",
        targetId: consultationId,
        consultationId,
        details: {
          organisations: demoOrganisations.length,
          users: logins.length,
          sections: demoSections.length,
          measures: demoMeasures.length,
          requirements: demoRequirements.length,
          positions: demoPositions.length,
        },
      },
    );
    return true;
  });

  return { created, logins };
}
