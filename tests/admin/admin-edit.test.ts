import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client.ts";
import { auditLog, organisations, users } from "#db/schema/index.ts";
import { updateOrganisation, updateUser } from "#server/domain/admin-edit.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";
import { createOrganisation, createUser } from "#tests/helpers/fixtures.ts";
import { expectDomainError } from "#tests/helpers/domain-error.ts";
import { testServices } from "#testkit/services.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

const auditOf = (targetId: string, action: string) =>
  handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, targetId), eq(auditLog.action, action)));

describe("editing a user's name and e-mail", () => {
  it("saves the normalised address and the cleaned name, audited with old and new values", async () => {
    const admin = await createUser(handle.db, { isAdmin: true });
    const user = await createUser(handle.db, { name: "Alt Name" });
    const result = await updateUser(testServices(handle.db), admin, {
      userId: user.id,
      name: "  Neu Name ",
      email: "  Neu.Name@Example.TEST ",
      ip: "192.0.2.1",
    });
    expect(result).toEqual({ changed: true });
    const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ name: "Neu Name", email: "neu.name@example.test" });
    const [entry] = await auditOf(user.id, "admin.user_updated");
    expect(entry).toMatchObject({ actorUserId: admin.id, ip: "192.0.2.1" });
    expect(entry!.details).toEqual({
      changes: {
        name: { from: "Alt Name", to: "Neu Name" },
        email: { from: user.email, to: "neu.name@example.test" },
      },
    });
  });

  it("refuses an address another account uses, whatever its case, and keeps the old one", async () => {
    const admin = await createUser(handle.db, { isAdmin: true });
    const taken = await createUser(handle.db);
    const user = await createUser(handle.db);
    const error = await expectDomainError(
      updateUser(testServices(handle.db), admin, {
        userId: user.id,
        name: user.name,
        email: taken.email.toUpperCase(),
      }),
      "invalid",
      "invalid",
    );
    expect(error.fieldErrors).toEqual({ email: "admin.emailTaken" });
    const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.email).toBe(user.email);
  });

  it("refuses empty names and malformed addresses field by field", async () => {
    const admin = await createUser(handle.db, { isAdmin: true });
    const user = await createUser(handle.db);
    const error = await expectDomainError(
      updateUser(testServices(handle.db), admin, { userId: user.id, name: " ", email: "nope" }),
      "invalid",
      "invalid",
    );
    expect(error.fieldErrors).toEqual({ name: "form.required", email: "form.email" });
  });

  it("writes nothing when nothing changed", async () => {
    const admin = await createUser(handle.db, { isAdmin: true });
    const user = await createUser(handle.db);
    expect(
      await updateUser(testServices(handle.db), admin, {
        userId: user.id,
        name: user.name,
        email: user.email.toUpperCase(),
      }),
    ).toEqual({ changed: false });
    expect(await auditOf(user.id, "admin.user_updated")).toEqual([]);
  });

  it("is for admins only", async () => {
    const someone = await createUser(handle.db);
    const user = await createUser(handle.db);
    await expectDomainError(
      updateUser(testServices(handle.db), someone, {
        userId: user.id,
        name: "X",
        email: "x@example.test",
      }),
      "forbidden",
      "role",
    );
  });
});

describe("editing an organisation", () => {
  it("saves name, short name and kind, audited", async () => {
    const admin = await createUser(handle.db, { isAdmin: true });
    const org = await createOrganisation(handle.db);
    await updateOrganisation(testServices(handle.db), admin, {
      organisationId: org.id,
      name: "Stadtwerke Neu",
      shortName: "SWN",
      kind: "municipal_company",
    });
    const [row] = await handle.db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(row).toMatchObject({
      name: "Stadtwerke Neu",
      shortName: "SWN",
      kind: "municipal_company",
    });
    const [entry] = await auditOf(org.id, "admin.organisation_updated");
    expect(entry!.details).toMatchObject({
      changes: { name: { from: org.name, to: "Stadtwerke Neu" } },
    });
  });

  it("refuses a name another organisation has, an unknown kind and empty fields", async () => {
    const admin = await createUser(handle.db, { isAdmin: true });
    const other = await createOrganisation(handle.db);
    const org = await createOrganisation(handle.db);
    const clash = await expectDomainError(
      updateOrganisation(testServices(handle.db), admin, {
        organisationId: org.id,
        name: other.name,
        shortName: "X",
        kind: "department",
      }),
      "invalid",
      "invalid",
    );
    expect(clash.fieldErrors).toEqual({ name: "admin.organisationExists" });
    const bad = await expectDomainError(
      updateOrganisation(testServices(handle.db), admin, {
        organisationId: org.id,
        name: "",
        shortName: "",
        kind: "club",
      }),
      "invalid",
      "invalid",
    );
    expect(bad.fieldErrors).toEqual({
      name: "form.required",
      shortName: "form.required",
      kind: "form.invalid",
    });
  });

  it("is for admins only, and unknown ids are not found", async () => {
    const admin = await createUser(handle.db, { isAdmin: true });
    const someone = await createUser(handle.db);
    const org = await createOrganisation(handle.db);
    const input = { organisationId: org.id, name: "Y", shortName: "Y", kind: "department" };
    await expectDomainError(
      updateOrganisation(testServices(handle.db), someone, input),
      "forbidden",
      "role",
    );
    await expectDomainError(
      updateOrganisation(testServices(handle.db), admin, {
        ...input,
        organisationId: "00000000-0000-4000-8000-00000000abcd",
      }),
      "not_found",
      "not_found",
    );
  });
});
