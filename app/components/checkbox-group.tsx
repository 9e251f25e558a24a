import type { MessageKey } from "#common/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";

/**
 * A group of checkboxes with a legend (for partner organisations, sections, requirements).
 * `idPrefix` keeps the element ids apart when one page has several groups of the same name (one
 * per form).
 */
export function CheckboxGroup({
  name,
  idPrefix,
  legend,
  hint,
  options,
  checked,
  error,
}: {
  name: string;
  idPrefix?: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  checked: string[];
  error?: MessageKey;
}) {
  const t = useT();
  const base = idPrefix ? `${idPrefix}-${name}` : name;
  return (
    <fieldset
      className={`field checkbox-group${error ? " field-invalid" : ""}`}
      id={`field-${base}`}
      aria-describedby={error ? `field-${base}-error` : undefined}
    >
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      {error ? (
        <p id={`field-${base}-error`} className="field-error">
          {t(error)}
        </p>
      ) : null}
      {options.length === 0 ? <p>{t("measure.none")}</p> : null}
      {options.map((o) => (
        <div className="checkbox" key={o.value}>
          <input
            type="checkbox"
            id={`${base}-${o.value}`}
            name={name}
            value={o.value}
            defaultChecked={checked.includes(o.value)}
          />
          <label htmlFor={`${base}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
