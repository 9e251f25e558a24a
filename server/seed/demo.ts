import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "#db/client.ts";
import {
  consultationMembers,
  consultations,
  measurePartners,
  measureRevisions,
  measures,
  measureSections,
  memberships,
  organisations,
  phaseDeadlines,
  positionRevisions,
  positions,
  requirementMeasures,
  requirements,
  requirementSections,
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
  demoMeasures,
  demoOrganisations,
  demoPositions,
  demoRequirements,
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

/** What the seeding steps run on: the seed's transaction. */
type Tx = Pick<Database, "insert" | "select">;

/** Ids of the rows written so far, by the keys the demo data refers to them with. */
interface SeedIds {
  /** Organisation id by short name. */
  orgId: Map<string, string>;
  /** User id by lower-case email. */
  userId: Map<string, string>;
  moderatorId: string | null;
  consultationId: string;
  /** Section id by title. */
  sectionId: Map<string, string>;
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
        measures: demoMeasures.length,
        requirements: demoRequirements.length,
        positions: demoPositions.length,
      },
    });
    return true;
  });

  return { created, logins };
}

/** Organisations, reusing existing ones with the same name; returns their ids by short name. */
async function seedOrganisations(tx: Tx): Promise<Map<string, string>> {
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
  return new Map(
    demoOrganisations.map((o) => [o.shortName, lookup(idByName, o.name, "organisation")]),
  );
}

/**
 * Users, reusing existing accounts with the same email, and their organisation memberships;
 * returns the user ids by email.
 */
async function seedUsers(
  tx: Tx,
  logins: DemoLogin[],
  orgId: Map<string, string>,
  passwordHash: string,
): Promise<Map<string, string>> {
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
  return userId;
}

/** The consultation with its phase deadlines and members; returns its id. */
async function seedConsultation(
  tx: Tx,
  logins: DemoLogin[],
  ids: Pick<SeedIds, "orgId" | "userId" | "moderatorId">,
  now: Date,
): Promise<string> {
  const { orgId, userId, moderatorId } = ids;
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
  return consultationId;
}

/** The sections with their initial text and edit grants; returns their ids by title. */
async function seedSections(
  tx: Tx,
  ids: Pick<SeedIds, "orgId" | "moderatorId" | "consultationId">,
  now: Date,
): Promise<Map<string, string>> {
  const { orgId, moderatorId, consultationId } = ids;
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
  return sectionId;
}

/**
 * The measures plan, with a "created" entry in each measure's change history, partners and
 * sections; returns the measure ids by code.
 */
async function seedMeasures(
  tx: Tx,
  ids: SeedIds,
  moderatorOrg: string | null,
  now: Date,
): Promise<Map<string, string>> {
  const { orgId, moderatorId, consultationId, sectionId } = ids;
  const measureRows = await tx
    .insert(measures)
    .values(
      demoMeasures.map((m) => ({
        consultationId,
        code: m.code,
        title: m.title,
        description: m.description,
        leadOrganisationId: lookup(orgId, m.lead, "organisation"),
        startYear: m.start.year,
        startQuarter: m.start.quarter,
        endYear: m.end.year,
        endQuarter: m.end.quarter,
        costOneOffCents: m.costOneOff === null ? null : m.costOneOff * 100,
        costYearlyCents: m.costYearly === null ? null : m.costYearly * 100,
        fundingProgramme: m.fundingProgramme,
        fundingStatus: m.fundingStatus,
        applicationDeadline:
          m.applicationDeadlineInDays === null
            ? null
            : new Date(now.getTime() + m.applicationDeadlineInDays * 86_400_000)
                .toISOString()
                .slice(0, 10),
        priority: m.priority,
        status: m.status,
        pilot: m.pilot,
        createdBy: moderatorId,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: measures.id, code: measures.code });
  const measureId = new Map(measureRows.map((row) => [row.code, row.id]));
  await tx.insert(measureRevisions).values(
    demoMeasures.map((m) => ({
      measureId: lookup(measureId, m.code, "measure"),
      authorId: moderatorId,
      organisationId: moderatorOrg,
      kind: "created" as const,
      changes: {
        code: { from: null, to: m.code },
        title: { from: null, to: m.title },
        status: { from: null, to: m.status },
      },
      createdAt: now,
    })),
  );
  const partnerRows = demoMeasures.flatMap((m) =>
    m.partners.map((p) => ({
      measureId: lookup(measureId, m.code, "measure"),
      organisationId: lookup(orgId, p, "organisation"),
    })),
  );
  if (partnerRows.length) await tx.insert(measurePartners).values(partnerRows);
  const measureSectionRows = demoMeasures.flatMap((m) =>
    m.sections.map((title) => ({
      measureId: lookup(measureId, m.code, "measure"),
      sectionId: lookup(sectionId, title, "section"),
    })),
  );
  if (measureSectionRows.length) await tx.insert(measureSections).values(measureSectionRows);
  return measureId;
}

/** The organisations' requirements with the sections and measures they refer to. */
async function seedRequirements(
  tx: Tx,
  ids: SeedIds,
  measureId: Map<string, string>,
  now: Date,
): Promise<void> {
  const { orgId, userId, consultationId, sectionId } = ids;
  for (const r of demoRequirements) {
    const [row] = await tx
      .insert(requirements)
      .values({
        consultationId,
        organisationId: lookup(orgId, r.organisation, "organisation"),
        authorId: lookup(userId, r.author, "user"),
        title: r.title,
        description: r.description,
        category: r.category,
        priority: r.priority,
        status: r.status,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: requirements.id });
    const requirementId = row!.id;
    if (r.sections.length) {
      await tx.insert(requirementSections).values(
        r.sections.map((title) => ({
          requirementId,
          sectionId: lookup(sectionId, title, "section"),
        })),
      );
    }
    if (r.measures.length) {
      await tx.insert(requirementMeasures).values(
        r.measures.map((code) => ({
          requirementId,
          measureId: lookup(measureId, code, "measure"),
        })),
      );
    }
  }
}

/** The organisations' positions on measures, each with its first revision. */
async function seedPositions(
  tx: Tx,
  ids: SeedIds,
  measureId: Map<string, string>,
  now: Date,
): Promise<void> {
  const { orgId, userId } = ids;
  for (const p of demoPositions) {
    const [position] = await tx
      .insert(positions)
      .values({
        measureId: lookup(measureId, p.measure, "measure"),
        organisationId: lookup(orgId, p.organisation, "organisation"),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: positions.id });
    await tx.insert(positionRevisions).values({
      positionId: position!.id,
      stance: p.stance,
      reasoning: p.reasoning,
      conditions: p.conditions,
      costImpactCents: p.costImpact === null ? null : p.costImpact * 100,
      authorId: lookup(userId, p.author, "user"),
      createdAt: now,
      releasedBy: p.releasedBy ? lookup(userId, p.releasedBy, "user") : null,
      releasedAt: p.releasedBy ? now : null,
    });
  }
}
