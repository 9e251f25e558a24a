import { createContext, type RouterContextProvider } from "react-router";
import type { Session, SessionUser } from "./auth/session.ts";
import type { Services } from "./services.ts";

/** What is known about the request being answered. */
export interface RequestInfo {
  auth: { session: Session; user: SessionUser } | null;
  /** Client address used for login throttling and the audit log. */
  ip: string;
  /** Per-response CSP nonce for inline scripts. */
  nonce: string;
}

/** The services built once at start-up (server/app.ts). */
export const servicesContext = createContext<Services>();

/** Set per request by server/app.ts before any loader or action runs. */
export const requestContext = createContext<RequestInfo>();

type Context = Readonly<RouterContextProvider>;

/** The services of a loader's or action's `context`. */
export function servicesOf(context: Context): Services {
  return context.get(servicesContext);
}

/** Session, client address and nonce of a loader's or action's `context`. */
export function requestOf(context: Context): RequestInfo {
  return context.get(requestContext);
}
