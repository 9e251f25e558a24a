import { data } from "react-router";
import { DomainError } from "#server/domain/errors.ts";
import { formValues, invalidCharacterErrors, type FieldErrors } from "./forms.ts";
import { guard } from "./guards.server.ts";

export type ActionResult =
  | { ok: true; errors: FieldErrors; formError?: undefined; values?: undefined; intent?: string }
  | {
      ok: false;
      errors: FieldErrors;
      formError?: string;
      values: Record<string, string>;
      intent?: string;
    };

/**
 * Runs a form action's domain call: field problems come back as a 400 with the typed values (so
 * nothing typed is lost), conflicts as 409 with a message key; 403/404 go to the error boundary.
 */
export async function runFormAction(
  form: FormData,
  work: () => Promise<unknown>,
): Promise<ReturnType<typeof data<ActionResult>>> {
  const intent = typeof form.get("intent") === "string" ? String(form.get("intent")) : undefined;
  const refused = invalidCharacterErrors(form);
  if (Object.keys(refused).length > 0) {
    return data<ActionResult>(
      { ok: false, errors: refused, values: formValues(form), intent },
      { status: 400 },
    );
  }
  try {
    await work();
    return data<ActionResult>({ ok: true, errors: {}, intent });
  } catch (error) {
    if (error instanceof DomainError && (error.kind === "invalid" || error.kind === "conflict")) {
      const values = formValues(form);
      return data<ActionResult>(
        {
          ok: false,
          errors: error.fieldErrors as FieldErrors,
          formError: error.kind === "conflict" ? error.code : undefined,
          values,
          intent,
        },
        { status: error.kind === "invalid" ? 400 : 409 },
      );
    }
    return guard(Promise.reject(error));
  }
}
