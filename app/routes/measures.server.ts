import { data } from "react-router";
import type { MeasureInput } from "#server/domain/measures/validation.ts";

/** Reads the measure form (repeated checkboxes included) into the domain's input. */
export function measureInputFromForm(form: FormData): MeasureInput {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const list = (name: string) =>
    form.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");
  return {
    code: text("code"),
    title: text("title"),
    description: text("description"),
    leadOrganisationId: text("leadOrganisationId"),
    partnerOrganisationIds: list("partnerOrganisationIds"),
    start: text("start"),
    end: text("end"),
    costOneOff: text("costOneOff"),
    costYearly: text("costYearly"),
    fundingProgramme: text("fundingProgramme"),
    fundingStatus: text("fundingStatus"),
    applicationDeadline: text("applicationDeadline"),
    priority: text("priority"),
    status: text("status"),
    pilot: form.get("pilot") === "on",
    sectionIds: list("sectionIds"),
    requirementIds: list("requirementIds"),
  };
}

/**
 * Adds the checked entries of repeated fields (checkbox lists) to a refused form's result:
 * runFormAction keeps one value per name, and nothing ticked may be lost either.
 */
export function keepLists<T extends { ok: boolean }>(
  result: { data: T; init: ResponseInit | null },
  form: FormData,
  names: string[],
) {
  const lists = Object.fromEntries(
    names.map((name) => [
      name,
      form.getAll(name).filter((v): v is string => typeof v === "string"),
    ]),
  ) as Record<string, string[]>;
  return data({ ...result.data, lists: result.data.ok ? {} : lists }, result.init ?? undefined);
}
