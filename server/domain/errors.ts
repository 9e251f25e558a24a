import type { Denial } from "#server/auth/policy.ts";

/** A failure the user caused or may see; `code` is an i18n key suffix, never shown raw. */
export class DomainError extends Error {
  constructor(
    readonly kind: "not_found" | "forbidden" | "invalid" | "conflict",
    readonly code: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(`${kind}: ${code}`);
    this.name = "DomainError";
  }
}

export const notFound = (code = "not_found") => new DomainError("not_found", code);
export const forbidden = (denial: Denial | string = "role") => new DomainError("forbidden", denial);
export const invalid = (fieldErrors: Record<string, string>) =>
  new DomainError("invalid", "invalid", fieldErrors);
