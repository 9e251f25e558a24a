import type { SessionUser } from "#server/auth/session.ts";

export type User = Pick<SessionUser, "id" | "isAdmin" | "email">;
