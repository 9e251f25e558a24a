/**
 * Collaboration fixtures shared by the tests and the benchmarks: a consultation with members of
 * every role and their session cookies, the test Origin, and a `ws` class that sends them.
 */
import WebSocket from "ws";
import { EXTENSIONS_PARAM, EXTENSIONS_VERSION } from "#common/collab-protocol.ts";
import type { Database } from "#db/client.ts";
import {
  consultationMembers,
  memberships,
  consultations,
  organisations,
  sections,
  users,
} from "#db/schema/index.ts";
import { createSession, SESSION_COOKIE } from "#server/auth/session.ts";

export const ORIGIN = "http://ratschlag.test";

/**
 * The query with which our editor asks for Ratschlag's "stored" and "access" messages: tests,
 * fault suite and benchmarks act as the editor (a stock client leaves it out).
 */
export const EXTENSION_PARAMS: Record<string, string> = {
  [EXTENSIONS_PARAM]: EXTENSIONS_VERSION,
};
export const EXTENSION_QUERY = `?${new URLSearchParams(EXTENSION_PARAMS)}`;

export type RoleName = "moderator" | "editor" | "contributor" | "observer";

export interface Fixture {
  consultationId: string;
  sectionId: string;
  otherSectionId: string;
  organisationName: string;
  users: Record<"editor" | "editor2" | "observer" | "contributor" | "outsider", string>;
  names: Record<"editor" | "editor2" | "observer" | "contributor" | "outsider", string>;
  /** Session cookie header values, one per user. */
  cookies: Record<"editor" | "editor2" | "observer" | "contributor" | "outsider", string>;
}

/** Inserts an organisation, a consultation with two sections, members of each role and sessions. */
export async function createFixture(db: Database): Promise<Fixture> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const [org] = await db
    .insert(organisations)
    .values({ name: `Stadtplanung ${suffix}`, shortName: "SP", kind: "department" })
    .returning();
  const roles: Record<keyof Fixture["users"], RoleName | null> = {
    editor: "editor",
    editor2: "editor",
    observer: "observer",
    contributor: "contributor",
    outsider: null,
  };
  const userIds = {} as Fixture["users"];
  const names = {} as Fixture["names"];
  for (const key of Object.keys(roles) as (keyof Fixture["users"])[]) {
    names[key] = `${key[0].toUpperCase()}${key.slice(1)} ${suffix}`;
    const [user] = await db
      .insert(users)
      .values({ email: `${key}-${suffix}@example.test`, name: names[key], passwordHash: "x" })
      .returning();
    userIds[key] = user.id;
  }
  const [consultation] = await db
    .insert(consultations)
    .values({ title: "Klimaschutzstrategie", phase: "drafting" })
    .returning();
  for (const [key, role] of Object.entries(roles)) {
    if (!role) continue;
    // Consultation members act for an organisation they belong to (ADR 006).
    await db
      .insert(memberships)
      .values({ userId: userIds[key as keyof Fixture["users"]], organisationId: org.id });
    await db.insert(consultationMembers).values({
      consultationId: consultation.id,
      userId: userIds[key as keyof Fixture["users"]],
      role,
      organisationId: org.id,
    });
  }
  const [section, other] = await db
    .insert(sections)
    .values([
      { consultationId: consultation.id, title: "Ziele", position: 1 },
      { consultationId: consultation.id, title: "Maßnahmen", position: 2 },
    ])
    .returning();
  const cookies = {} as Fixture["cookies"];
  for (const key of Object.keys(userIds) as (keyof Fixture["users"])[]) {
    const { token } = await createSession(db, userIds[key]);
    cookies[key] = `${SESSION_COOKIE}=${token}`;
  }
  return {
    consultationId: consultation.id,
    sectionId: section.id,
    otherSectionId: other.id,
    organisationName: org.name,
    users: userIds,
    names,
    cookies,
  };
}

/** A `ws` WebSocket class that sends the given headers, as a browser would send cookie+origin. */
export function socketClass(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}
