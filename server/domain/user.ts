import type { SessionUser } from "#server/auth/session.ts";

/** The acting user as use cases need it. */
export type User = Pick<SessionUser, "id" | "isAdmin" | "email">;
