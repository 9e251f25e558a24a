import { useEffect, useRef, useState } from "react";
import { CheckboxGroup } from "#app/components/checkbox-group.tsx";
import { TextAreaField } from "#app/components/form.tsx";
import { dispositionCategoryLabel } from "#app/components/consolidation.tsx";
import { useT } from "#app/i18n/react.tsx";
import { dispositionCategories } from "#common/vocabularies.ts";

/** What a disposition can link to as its consequences ("Folgen"). */
export interface DispositionOptions {
  sections: { id: string; title: string }[];
  measures: { id: string; code: string; title: string }[];
  suggestions: { id: string; title: string }[];
}

export interface DispositionDefaults {
  category: string;
  justification: string;
  /** "section:<id>", "measure:<id>" or "suggestion:<id>". */
  links: string[];
}

/**
 * The fields of one disposition form (an item's own or the group form): result, justification
 * and the consequences as checkbox groups in a disclosure whose summary says how many are ticked.
 */
export function DispositionFields({
  idPrefix,
  options,
  defaults,
}: {
  idPrefix: string;
  options: DispositionOptions;
  defaults: DispositionDefaults;
}) {
  const t = useT();
  return (
    <div className="disposition-fields">
      <div className="field disposition-category">
        <label htmlFor={`${idPrefix}-category`}>{t("consolidation.category")}</label>
        <select
          id={`${idPrefix}-category`}
          name="category"
          defaultValue={defaults.category}
          required
        >
          <option value="">{t("consolidation.choose")}</option>
          {dispositionCategories.map((c) => (
            <option key={c} value={c}>
              {t(dispositionCategoryLabel(c))}
            </option>
          ))}
        </select>
      </div>
      <TextAreaField
        id={`${idPrefix}-justification`}
        name="justification"
        label={t("consolidation.justification")}
        rows={2}
        defaultValue={defaults.justification}
        required
      />
      <LinksDisclosure idPrefix={idPrefix} options={options} checked={defaults.links} />
    </div>
  );
}

function LinksDisclosure({
  idPrefix,
  options,
  checked,
}: {
  idPrefix: string;
  options: DispositionOptions;
  checked: string[];
}) {
  const t = useT();
  const box = useRef<HTMLDetailsElement>(null);
  const [count, setCount] = useState(checked.length);
  const recount = () => setCount(box.current?.querySelectorAll("input:checked").length ?? 0);
  // After every render (new defaults after a save) and after the form is reset, the summary
  // counts what is ticked now; "reset" fires before the boxes change, hence the timeout.
  useEffect(recount);
  useEffect(() => {
    const form = box.current?.closest("form");
    if (!form) return;
    const onReset = () => setTimeout(recount);
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, []);
  return (
    <details className="links-disclosure" ref={box} onChange={recount}>
      <summary>
        {t("consolidation.links")}:{" "}
        <span className="links-count">{t("consolidation.linksChosen", { count })}</span>
      </summary>
      <p className="hint">{t("consolidation.linksChooseHint")}</p>
      <div className="links-groups">
        <CheckboxGroup
          idPrefix={`${idPrefix}-sections`}
          name="links"
          legend={t("versions.sections")}
          options={options.sections.map((s) => ({ value: `section:${s.id}`, label: s.title }))}
          checked={checked}
        />
        <CheckboxGroup
          idPrefix={`${idPrefix}-measures`}
          name="links"
          legend={t("versions.measures")}
          options={options.measures.map((m) => ({
            value: `measure:${m.id}`,
            label: `${m.code} ${m.title}`,
          }))}
          checked={checked}
        />
        {options.suggestions.length ? (
          <CheckboxGroup
            idPrefix={`${idPrefix}-suggestions`}
            name="links"
            legend={t("feedbackKind.suggestion")}
            options={options.suggestions.map((s) => ({
              value: `suggestion:${s.id}`,
              label: s.title,
            }))}
            checked={checked}
          />
        ) : null}
      </div>
    </details>
  );
}
