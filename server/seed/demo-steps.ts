/**
 * The steps of `seedDemo`, in the order it runs them inside its transaction; each writes one
 * part of the demo and returns the ids later steps refer to.
 */
import { inArray } from "drizzle-orm";
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
import { phases, type Role } from "#common/vocabularies.ts";
import { demoConsultation, demoDeadlines, demoOrganisations, type DemoLogin } from "./demo-data.ts";
import { demoMeasures, demoPositions, demoRequirements } from "./demo-measures.ts";
import { demoSectionEditGrants, demoSections } from "./demo-sections.ts";

/** What the seeding steps run on: the seed's transaction. */
export type Tx = Pick<Database, "insert" | "select">;

/** Ids of the rows written so far, by the keys the demo data refers to them with. */
export interface SeedIds {
  /** Organisation id by short name. */
  orgId: Map<string, string>;
  /** User id by lower-case email. */
  userId: Map<string, string>;
  moderatorId: string | null;
  consultationId: string;
  /** Section id by title. */
  sectionId: Map<string, string>;
}

export function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo data refers to unknown ${what} "${key}"`);
  return value;
}

/** Organisations, reusing existing ones with the same name; returns their ids by short name. */
export async function seedOrganisations(tx: Tx): Promise<Map<string, string>> {
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
export async function seedUsers(
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
export async function seedConsultation(
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
export async function seedSections(
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
export async function seedMeasures(
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
export async function seedRequirements(
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
export async function seedPositions(
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
