import type { MessageKey } from "#common/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";

/** A group of checkboxes with a legend (for partner organisations, sections, requirements). */
export function CheckboxGroup({
  name,
  legend,
  hint,
  options,
  checked,
  error,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  checked: string[];
  error?: MessageKey;
}) {
  const t = useT();
  return (
    <fieldset
      className={`field checkbox-group${error ? " field-invalid" : ""}`}
      id={`field-${name}`}
      aria-describedby={error ? `field-${name}-error` : undefined}
    >
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      {error ? (
        <p id={`field-${name}-error`} className="field-error">
          {t(error)}
        </p>
      ) : null}
      {options.length === 0 ? <p>{t("measure.none")}</p> : null}
      {options.map((o) => (
        <div className="checkbox" key={o.value}>
          <input
            type="checkbox"
            id={`${name}-${o.value}`}
            name={name}
            value={o.value}
            defaultChecked={checked.includes(o.value)}
          />
          <label htmlFor={`${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
