import { expect } from "vitest";
import { DomainError } from "#server/domain/errors.ts";

/**
 * Asserts that `work` rejects with a DomainError of this kind and code, and returns it for
 * further checks (its fieldErrors, say). Any other rejection is rethrown as it is.
 */
export async function expectDomainError(
  work: Promise<unknown>,
  kind: DomainError["kind"],
  code: string,
  message?: string,
): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect({ kind: error.kind, code: error.code }, message).toEqual({ kind, code });
    return error;
  }
  return expect.unreachable(
    `${message ? `${message}: ` : ""}expected a DomainError ${kind}: ${code}, but it resolved`,
  );
}
