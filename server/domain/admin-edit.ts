import { and, eq, ne, sql } from "drizzle-orm";
import { organisations, users } from "#db/schema/index.ts";
import type { OrganisationKind } from "#common/vocabularies.ts";
import { cleanText } from "#common/text.ts";
import { acting, audit } from "#server/audit.ts";
import type { Services } from "#server/services.ts";
import { EMAIL, organisationFields, requireAdmin } from "./admin.ts";
import { isUuid } from "./access.ts";
import { invalid, notFound } from "./errors.ts";
import type { User } from "./user.ts";

/** Only the fields that changed, as `{ from, to }`, for the audit record. */
function changed<T extends Record<string, unknown>>(before: T, after: T) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

/**
 * Changes an account's display name and e-mail address (admins only). The address is normalised
 * like at creation (trimmed, lower-case) and must not belong to another account. Audited with the
 * old and new values; nothing is written when nothing changed.
 */
export async function updateUser(
  { db }: Services,
  actor: User,
  input: { userId: string; name: string; email: string; ip?: string },
): Promise<{ changed: boolean }> {
  requireAdmin(actor);
  if (!isUuid(input.userId)) throw notFound();
  const errors: Record<string, string> = {};
  const name = cleanText(input.name);
  if (!name) errors.name = "form.required";
  else if (name.length > 120) errors.name = "form.tooLong";
  const email = input.email.trim().toLowerCase();
  if (!email) errors.email = "form.required";
  else if (email.length > 254 || !EMAIL.test(email)) errors.email = "form.email";
  if (Object.keys(errors).length) throw invalid(errors);
  const [current] = await db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!current) throw notFound();
  const changes = changed(current, { name, email });
  if (Object.keys(changes).length === 0) return { changed: false };
  const [clash] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email), ne(users.id, input.userId)));
  if (clash) throw invalid({ email: "admin.emailTaken" });
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ name, email, updatedAt: sql`now()` })
      .where(eq(users.id, input.userId));
    await audit(tx, acting(actor, null, input.ip), {
      action: "admin.user_updated",
      targetType: "user",
      targetId: input.userId,
      details: { changes },
    });
  });
  return { changed: true };
}

/**
 * Changes an organisation's name, short name and kind (admins only). The name must stay unique.
 * Audited with the old and new values; nothing is written when nothing changed.
 */
export async function updateOrganisation(
  { db }: Services,
  actor: User,
  input: { organisationId: string; name: string; shortName: string; kind: string; ip?: string },
): Promise<{ changed: boolean }> {
  requireAdmin(actor);
  if (!isUuid(input.organisationId)) throw notFound();
  const { name, shortName } = organisationFields(input);
  const [current] = await db
    .select({
      name: organisations.name,
      shortName: organisations.shortName,
      kind: organisations.kind,
    })
    .from(organisations)
    .where(eq(organisations.id, input.organisationId));
  if (!current) throw notFound();
  const kind = input.kind as OrganisationKind;
  const changes = changed<Record<string, string>>(current, { name, shortName, kind });
  if (Object.keys(changes).length === 0) return { changed: false };
  const [clash] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.name, name), ne(organisations.id, input.organisationId)));
  if (clash) throw invalid({ name: "admin.organisationExists" });
  await db.transaction(async (tx) => {
    await tx
      .update(organisations)
      .set({ name, shortName, kind })
      .where(eq(organisations.id, input.organisationId));
    await audit(tx, acting(actor, null, input.ip), {
      action: "admin.organisation_updated",
      targetType: "organisation",
      targetId: input.organisationId,
      details: { changes },
    });
  });
  return { changed: true };
}
