import { eq } from "drizzle-orm";
import type { Database, DatabaseHandle } from "#db/client.ts";
import { consultations, measures, users } from "#db/schema/index.ts";
import { DEMO_CONSULTATION_TITLE, seedDemo } from "#server/seed/demo.ts";
import { createTestDatabase } from "#tests/helpers/db.ts";

export type Account = "admin" | "moderator" | "editor" | "contributor" | "releaser" | "observer";

export interface SeededDemo {
  handle: DatabaseHandle;
  db: Database;
  consultationId: string;
  user(account: Account): { id: string; isAdmin: boolean; email: string };
  measureId(code: string): string;
  /** A moment after the consultation deadline (28 days after seeding). */
  afterDeadline: Date;
}

/** A fresh database with the demo consultation seeded now (so its deadline is in the future). */
export async function seededDemo(): Promise<SeededDemo> {
  const handle = await createTestDatabase();
  const now = new Date();
  await seedDemo(handle.db, { now });
  const [consultation] = await handle.db
    .select({ id: consultations.id })
    .from(consultations)
    .where(eq(consultations.title, DEMO_CONSULTATION_TITLE));
  const userRows = await handle.db
    .select({ id: users.id, isAdmin: users.isAdmin, email: users.email })
    .from(users);
  const measureRows = await handle.db
    .select({ id: measures.id, code: measures.code })
    .from(measures)
    .where(eq(measures.consultationId, consultation!.id));
  return {
    handle,
    db: handle.db,
    consultationId: consultation!.id,
    user(account) {
      const found = userRows.find((u) => u.email === `${account}@ratschlag.test`);
      if (!found) throw new Error(`no demo user ${account}`);
      return found;
    },
    measureId(code) {
      const found = measureRows.find((m) => m.code === code);
      if (!found) throw new Error(`no demo measure ${code}`);
      return found.id;
    },
    afterDeadline: new Date(now.getTime() + 29 * 24 * 60 * 60 * 1000),
  };
}

/** The DomainError kind and code a promise rejects with, or "ok". */
export async function outcome(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return "ok";
  } catch (error) {
    const e = error as { kind?: string; code?: string };
    if (e.kind) return `${e.kind}:${e.code}`;
    throw error;
  }
}

/** A complete, valid measure form. */
export function validMeasureInput(overrides: Record<string, unknown> = {}) {
  return {
    code: "M-99",
    title: "Testmaßnahme Überprüfung",
    description: "Erster Absatz.\n\n- Punkt eins\n- Punkt zwei",
    leadOrganisationId: "",
    partnerOrganisationIds: [] as string[],
    start: "2027-Q2",
    end: "2027-Q4",
    costOneOff: "12.500,50",
    costYearly: "1000",
    fundingProgramme: "Förderprogramm Test",
    fundingStatus: "planned",
    applicationDeadline: "",
    priority: "high",
    status: "planned",
    pilot: false,
    sectionIds: [] as string[],
    requirementIds: [] as string[],
    ...overrides,
  };
}
