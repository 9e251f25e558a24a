import { data, redirect, type RouterContextProvider } from "react-router";
import { requestOf } from "#server/context.ts";
import type { SessionUser } from "#server/auth/session.ts";
import { DomainError } from "#server/domain/errors.ts";

/** The signed-in user, or a redirect to the login page that returns here afterwards. */
export function requireUser(
  context: Readonly<RouterContextProvider>,
  request: Request,
): SessionUser {
  const { auth } = requestOf(context);
  if (auth) return auth.user;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
}

/** The signed-in platform administrator; 403 for everyone else. */
export function requireAdmin(
  context: Readonly<RouterContextProvider>,
  request: Request,
): SessionUser {
  const user = requireUser(context, request);
  if (!user.isAdmin) throw data({ code: "forbidden" }, { status: 403 });
  return user;
}

const STATUS: Record<DomainError["kind"], number> = {
  not_found: 404,
  forbidden: 403,
  invalid: 400,
  conflict: 409,
};

/**
 * Runs a domain call and turns its DomainError into an HTTP error response (404/403/...) that
 * the error boundary shows in the user's language. Other errors pass through as 500s.
 */
export async function guard<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError) {
      throw data({ code: error.code }, { status: STATUS[error.kind] });
    }
    throw error;
  }
}
