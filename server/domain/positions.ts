import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "#db/client.ts";
import {
  consultationMembers,
  measures,
  organisations,
  positionRevisions,
  positions,
  stances,
  users,
  type Stance,
} from "#db/schema/index.ts";
import { acting, audit } from "#server/audit.ts";
import { can, denial } from "#server/auth/policy.ts";
import {
  consultationAccess,
  isUuid,
  positionResource,
  requirePermission,
  type ConsultationAccess,
} from "./access.ts";
import { DomainError, forbidden, invalid, notFound } from "./errors.ts";
import { isOneOf, parseEuro } from "./values.ts";
import { cleanText } from "./text.ts";
import type { Services } from "#server/services.ts";
import type { User } from "./user.ts";

const authors = alias(users, "author");
const releasers = alias(users, "releaser");

/** All revisions of the positions on the given measures, newest first, with author names. */
async function revisionsOf(db: Database, measureIds: string[], organisationId?: string) {
  if (measureIds.length === 0) return [];
  return db
    .select({
      id: positionRevisions.id,
      measureId: positions.measureId,
      organisationId: positions.organisationId,
      organisation: organisations.name,
      stance: positionRevisions.stance,
      reasoning: positionRevisions.reasoning,
      conditions: positionRevisions.conditions,
      costImpactCents: positionRevisions.costImpactCents,
      author: authors.name,
      createdAt: positionRevisions.createdAt,
      releasedBy: releasers.name,
      releasedAt: positionRevisions.releasedAt,
    })
    .from(positionRevisions)
    .innerJoin(positions, eq(positions.id, positionRevisions.positionId))
    .innerJoin(organisations, eq(organisations.id, positions.organisationId))
    .leftJoin(authors, eq(authors.id, positionRevisions.authorId))
    .leftJoin(releasers, eq(releasers.id, positionRevisions.releasedBy))
    .where(
      and(
        inArray(positions.measureId, measureIds),
        organisationId ? eq(positions.organisationId, organisationId) : undefined,
      ),
    )
    .orderBy(desc(positionRevisions.id));
}

type Revision = Awaited<ReturnType<typeof revisionsOf>>[number];

/**
 * Who may read a draft position (stance, reasoning, conditions, cost impact): only the members
 * acting for the organisation it belongs to. Every view of draft data applies this rule, the
 * audit log included.
 */
export function draftContentVisible(
  access: Pick<ConsultationAccess, "organisationId">,
  organisationId: string | null,
): boolean {
  return organisationId !== null && organisationId === access.organisationId;
}

/**
 * Who may learn that an organisation has a draft, without its content: its own members and
 * those who monitor positions (moderators). Live events about drafts follow the same rule.
 */
export function draftExistenceVisible(
  access: Pick<ConsultationAccess, "organisationId" | "can">,
  organisationId: string | null,
): boolean {
  return draftContentVisible(access, organisationId) || access.can("position.monitor");
}

/**
 * The state of one organisation's position: the current (latest) released revision, and a draft
 * when the newest revision is not released yet. Revisions must be newest first.
 */
function positionState(revisions: Revision[]) {
  const released = revisions.filter((r) => r.releasedAt !== null);
  const newest = revisions[0] ?? null;
  return {
    current: released[0] ?? null,
    olderReleased: released.slice(1),
    draft: newest && newest.releasedAt === null ? newest : null,
  };
}

/**
 * The positions on one measure as the user may see them: every organisation's released position
 * (with older released revisions on request); the user's own organisation also sees its draft.
 */
export async function measurePositions(
  db: Database,
  access: ConsultationAccess,
  measureId: string,
) {
  const revisions = await revisionsOf(db, [measureId]);
  const byOrganisation = new Map<string, Revision[]>();
  for (const revision of revisions) {
    const list = byOrganisation.get(revision.organisationId) ?? [];
    list.push(revision);
    byOrganisation.set(revision.organisationId, list);
  }
  const result = [...byOrganisation.entries()].map(([organisationId, list]) => {
    const state = positionState(list);
    const own = organisationId === access.organisationId;
    return {
      organisationId,
      organisation: list[0]!.organisation,
      own,
      current: state.current,
      olderReleased: state.olderReleased,
      draft: draftContentVisible(access, organisationId) ? state.draft : null,
      hasDraft: state.draft !== null && draftExistenceVisible(access, organisationId),
    };
  });
  return result
    .filter((p) => p.current || p.draft || p.hasDraft)
    .sort((a, b) => a.organisation.localeCompare(b.organisation, "de"));
}

async function findMeasure(db: Database, consultationId: string, measureId: string) {
  if (!isUuid(measureId)) throw notFound();
  const [measure] = await db
    .select({ id: measures.id, code: measures.code, title: measures.title })
    .from(measures)
    .where(and(eq(measures.id, measureId), eq(measures.consultationId, consultationId)));
  if (!measure) throw notFound();
  return measure;
}

/** The position page of the user's organisation for one measure: history, draft, permissions. */
export async function positionPage(
  { db }: Services,
  user: User,
  consultationId: string,
  measureId: string,
  now = new Date(),
) {
  const access = await consultationAccess(db, user, consultationId, now);
  requirePermission(access, "consultation.view");
  const measure = await findMeasure(db, consultationId, measureId);
  // Admins without a membership speak for no organisation: there is no position to show them.
  if (!access.organisationId) throw forbidden("other_organisation");
  const [organisation] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, access.organisationId));
  const revisions = await revisionsOf(db, [measureId], access.organisationId);
  const resource = positionResource(access, access.organisationId);
  return {
    consultation: {
      id: access.consultation.id,
      title: access.consultation.title,
      contributionDeadline:
        access.deadlines.find((d) => d.phase === "consultation")?.endsAt ?? null,
      deadlinePassed: access.resource.deadlinePassed ?? false,
    },
    measure,
    organisation: organisation!,
    revisions,
    ...positionState(revisions),
    permissions: {
      record: can(access.actor, "position.record", resource),
      recordDenial: denial(access.actor, "position.record", resource),
      release: can(access.actor, "position.release", resource),
      releaseDenial: denial(access.actor, "position.release", resource),
    },
    now,
  };
}

export interface PositionInput {
  consultationId: string;
  measureId: string;
  stance: string;
  reasoning: string;
  conditions: string;
  costImpact: string;
  /** Release right away (needs the release right). */
  release: boolean;
  ip?: string;
}

/**
 * Saves a new revision of the user's organisation's position: a draft, or released at once when
 * asked by someone with the release right. "Zustimmung mit Auflagen" needs conditions. Audited;
 * a release is announced to open pages after the commit.
 */
export async function recordPosition(
  { db, events }: Services,
  user: User,
  input: PositionInput,
  now = new Date(),
): Promise<number> {
  const access = await consultationAccess(db, user, input.consultationId, now);
  const measure = await findMeasure(db, input.consultationId, input.measureId);
  if (!access.organisationId) throw forbidden("other_organisation");
  const organisationId = access.organisationId;
  const resource = positionResource(access, organisationId);
  requirePermission({ actor: access.actor, resource }, "position.record");
  if (input.release) requirePermission({ actor: access.actor, resource }, "position.release");

  const errors: Record<string, string> = {};
  const reasoning = cleanText(input.reasoning.replace(/\r\n/g, "\n"));
  const conditions = cleanText(input.conditions.replace(/\r\n/g, "\n"));
  if (!isOneOf(stances, input.stance)) errors.stance = "positions.error.stance";
  if (reasoning.length > 10_000) errors.reasoning = "form.tooLong";
  if (conditions.length > 10_000) errors.conditions = "form.tooLong";
  if (input.stance === "approve_with_conditions" && !conditions) {
    errors.conditions = "positions.error.conditionsRequired";
  }
  const costImpact = parseEuro(input.costImpact, true);
  if (costImpact === null) errors.costImpact = "measures.error.amount";
  if (Object.keys(errors).length > 0) throw invalid(errors);

  const revisionId = await db.transaction(async (tx) => {
    await tx
      .insert(positions)
      .values({ measureId: measure.id, organisationId })
      .onConflictDoUpdate({
        target: [positions.measureId, positions.organisationId],
        set: { updatedAt: sql`now()` },
      });
    const [position] = await tx
      .select({ id: positions.id })
      .from(positions)
      .where(
        and(eq(positions.measureId, measure.id), eq(positions.organisationId, organisationId)),
      );
    const [revision] = await tx
      .insert(positionRevisions)
      .values({
        positionId: position!.id,
        stance: input.stance as Stance,
        reasoning,
        conditions,
        costImpactCents: costImpact ?? null,
        authorId: user.id,
        releasedBy: input.release ? user.id : null,
        releasedAt: input.release ? now : null,
      })
      .returning({ id: positionRevisions.id });
    await audit(tx, acting(user, { organisationId: organisationId }, input.ip), {
      action: input.release ? "position.released" : "position.drafted",
      targetType: "position",
      targetId: position!.id,
      consultationId: input.consultationId,
      details: { measure: measure.code, revisionId: revision!.id, stance: input.stance },
    });
    return revision!.id;
  });
  events.publish({
    type: input.release ? "position.released" : "position.drafted",
    consultationId: input.consultationId,
    subjectId: measure.id,
    // A draft concerns its organisation (and those who monitor drafts) only.
    draftOf: input.release ? undefined : organisationId,
  });
  return revisionId;
}

/**
 * Releases the organisation's newest draft revision (release right needed). An older draft that a
 * newer revision has replaced cannot be released. Audited; announced after the commit.
 */
export async function releasePosition(
  { db, events }: Services,
  user: User,
  input: { consultationId: string; measureId: string; revisionId: string; ip?: string },
  now = new Date(),
): Promise<void> {
  const access = await consultationAccess(db, user, input.consultationId, now);
  const measure = await findMeasure(db, input.consultationId, input.measureId);
  if (!access.organisationId) throw forbidden("other_organisation");
  const organisationId = access.organisationId;
  requirePermission(
    { actor: access.actor, resource: positionResource(access, organisationId) },
    "position.release",
  );
  const revisionId = Number(input.revisionId);
  if (!Number.isSafeInteger(revisionId)) throw invalid({ revisionId: "form.invalid" });
  const [position] = await db
    .select({ id: positions.id })
    .from(positions)
    .where(and(eq(positions.measureId, measure.id), eq(positions.organisationId, organisationId)));
  if (!position) throw invalid({ revisionId: "form.invalid" });
  await db.transaction(async (tx) => {
    const [newest] = await tx
      .select({ id: positionRevisions.id, releasedAt: positionRevisions.releasedAt })
      .from(positionRevisions)
      .where(eq(positionRevisions.positionId, position.id))
      .orderBy(desc(positionRevisions.id))
      .limit(1)
      .for("update");
    if (!newest || newest.id !== revisionId) {
      throw new DomainError("conflict", "positions.error.notNewest");
    }
    if (newest.releasedAt !== null) throw new DomainError("conflict", "positions.error.released");
    await tx
      .update(positionRevisions)
      .set({ releasedBy: user.id, releasedAt: now })
      .where(eq(positionRevisions.id, revisionId));
    await tx
      .update(positions)
      .set({ updatedAt: sql`now()` })
      .where(eq(positions.id, position.id));
    await audit(tx, acting(user, { organisationId: organisationId }, input.ip), {
      action: "position.released",
      targetType: "position",
      targetId: position.id,
      consultationId: input.consultationId,
      details: { measure: measure.code, revisionId },
    });
  });
  events.publish({
    type: "position.released",
    consultationId: input.consultationId,
    subjectId: measure.id,
  });
}

export type MatrixCell =
  | { state: "released"; stance: Stance; releasedAt: Date; hasNewerDraft: boolean }
  | { state: "draft" }
  | { state: "missing" };

/**
 * Organisations × measures: each released stance, the still missing cells, and the counts per
 * measure. Only released positions count. Moderators (and the organisation itself) also see that a
 * draft exists, never its content. Organisations are those with writing members in the
 * consultation plus any that have released a position.
 */
export async function positionsMatrix(
  { db }: Services,
  user: User,
  consultationId: string,
  now = new Date(),
) {
  const access = await consultationAccess(db, user, consultationId, now);
  requirePermission(access, "consultation.view");
  const measureRows = await db
    .select({ id: measures.id, code: measures.code, title: measures.title })
    .from(measures)
    .where(eq(measures.consultationId, consultationId))
    .orderBy(asc(measures.code));
  const revisions = await revisionsOf(
    db,
    measureRows.map((m) => m.id),
  );
  const memberOrganisations = await db
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(consultationMembers)
    .innerJoin(organisations, eq(organisations.id, consultationMembers.organisationId))
    .where(
      and(
        eq(consultationMembers.consultationId, consultationId),
        ne(consultationMembers.role, "observer"),
      ),
    );
  const organisationMap = new Map(memberOrganisations.map((o) => [o.id, o.name]));
  for (const r of revisions) {
    if (r.releasedAt) organisationMap.set(r.organisationId, r.organisation);
  }
  const organisationList = [...organisationMap.entries()]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, "de"));

  const cells: Record<string, Record<string, MatrixCell>> = {};
  const counts: Record<string, Record<Stance | "missing", number>> = {};
  for (const measure of measureRows) {
    cells[measure.id] = {};
    const count = Object.fromEntries([...stances, "missing"].map((k) => [k, 0])) as Record<
      Stance | "missing",
      number
    >;
    for (const organisation of organisationList) {
      const state = positionState(
        revisions.filter((r) => r.measureId === measure.id && r.organisationId === organisation.id),
      );
      const draftVisible = state.draft !== null && draftExistenceVisible(access, organisation.id);
      let cell: MatrixCell;
      if (state.current) {
        cell = {
          state: "released",
          stance: state.current.stance,
          releasedAt: state.current.releasedAt!,
          hasNewerDraft: draftVisible,
        };
        count[state.current.stance] += 1;
      } else {
        cell = draftVisible ? { state: "draft" } : { state: "missing" };
        count.missing += 1;
      }
      cells[measure.id]![organisation.id] = cell;
    }
    counts[measure.id] = count;
  }
  return {
    consultation: {
      id: access.consultation.id,
      title: access.consultation.title,
      contributionDeadline:
        access.deadlines.find((d) => d.phase === "consultation")?.endsAt ?? null,
      deadlinePassed: access.resource.deadlinePassed ?? false,
      open: access.resource.phase === "drafting" || access.resource.phase === "consultation",
    },
    measures: measureRows,
    organisations: organisationList,
    cells,
    counts,
    ownOrganisationId: access.organisationId,
    permissions: { monitor: access.can("position.monitor") },
    now,
  };
}
