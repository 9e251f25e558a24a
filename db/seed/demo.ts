import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  consultationMembers,
  consultations,
  memberships,
  organisations,
  phaseDeadlines,
  sectionEditGrants,
  sections,
  users,
} from "#db/schema/index.ts";
import { phases, type Role } from "#db/schema/enums.ts";
import { audit } from "#server/audit.ts";
import { hashPassword } from "#server/auth/password.ts";
import {
  DEMO_CONSULTATION_TITLE,
  DEMO_PASSWORD,
  demoConsultation,
  demoDeadlines,
  demoLogins,
  demoOrganisations,
  demoSectionEditGrants,
  demoSections,
  type DemoLogin,
} from "./demo-data.ts";

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

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo data refers to unknown ${what} "${key}"`);
  return value;
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

    // Organisations, reusing existing ones with the same name.
    await tx
      .insert(organisations)
      .values(demoOrganisations.map(({ name, shortName, kind }) => ({ name, shortName, kind })))
      .onConflictDoNothing({ target: organisations.name });
    const orgRows = await tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(
        inArray(
          organisations.name,
          demoOrganisations.map((o) => o.name),
        ),
      );
    const idByName = new Map(orgRows.map((row) => [row.name, row.id]));
    const orgId = new Map(
      demoOrganisations.map((o) => [o.shortName, lookup(idByName, o.name, "organisation")]),
    );

    // Users, reusing existing accounts with the same email.
    await tx
      .insert(users)
      .values(
        logins.map((login) => ({
          email: login.email,
          name: login.name,
          passwordHash,
          isAdmin: login.isAdmin,
          locale: "de",
        })),
      )
      .onConflictDoNothing({ target: users.email });
    const userRows = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        inArray(
          users.email,
          logins.map((login) => login.email),
        ),
      );
    const userId = new Map(userRows.map((row) => [row.email, row.id]));

    await tx
      .insert(memberships)
      .values(
        logins.map((login) => ({
          userId: lookup(userId, login.email, "user"),
          organisationId: lookup(orgId, login.organisation, "organisation"),
          canReleasePositions: login.canReleasePositions,
        })),
      )
      .onConflictDoNothing();

    const moderator = logins.find((login) => login.role === "moderator");
    const moderatorId = moderator ? lookup(userId, moderator.email, "user") : null;

    const [consultation] = await tx
      .insert(consultations)
      .values({
        title: demoConsultation.title,
        description: demoConsultation.description,
        phase: demoConsultation.phase,
        createdBy: moderatorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: consultations.id });
    const consultationId = consultation!.id;

    const deadlines = demoDeadlines(now);
    await tx
      .insert(phaseDeadlines)
      .values(phases.map((phase) => ({ consultationId, phase, endsAt: deadlines[phase] })));

    const members = logins.filter(
      (login): login is DemoLogin & { role: Role } => login.role !== "admin",
    );
    await tx.insert(consultationMembers).values(
      members.map((login) => ({
        consultationId,
        userId: lookup(userId, login.email, "user"),
        role: login.role,
        organisationId: lookup(orgId, login.organisation, "organisation"),
        addedBy: moderatorId,
        addedAt: now,
      })),
    );

    const sectionRows = await tx
      .insert(sections)
      .values(
        demoSections.map((section, index) => ({
          consultationId,
          title: section.title,
          position: index + 1,
          leadOrganisationId: lookup(orgId, section.lead, "organisation"),
          status: section.status,
          initialContent: section.content,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: sections.id, title: sections.title });
    const sectionId = new Map(sectionRows.map((row) => [row.title, row.id]));

    if (demoSectionEditGrants.length > 0) {
      await tx.insert(sectionEditGrants).values(
        demoSectionEditGrants.map((grant) => ({
          sectionId: lookup(sectionId, grant.section, "section"),
          organisationId: lookup(orgId, grant.organisation, "organisation"),
          grantedBy: moderatorId,
          grantedAt: now,
        })),
      );
    }

    await audit(tx, {
      action: "demo.seeded",
      targetType: "consultation",
      targetId: consultationId,
      consultationId,
      actorLabel: "system",
      details: {
        organisations: demoOrganisations.length,
        users: logins.length,
        sections: demoSections.length,
      },
    });
    return true;
  });

  return { created, logins };
}
