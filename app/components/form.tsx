import { useEffect, useRef } from "react";
import type { MessageKey } from "#common/i18n/index.ts";
import { useT } from "#app/i18n/react.tsx";
import type { FieldErrors } from "#app/lib/forms.ts";

/**
 * The list of a refused form's problems, focused when it appears so screen readers announce it;
 * each entry links to its field.
 */
export function ErrorSummary({
  errors,
  labels,
  formError,
  children,
}: {
  errors?: FieldErrors;
  labels: Record<string, string>;
  formError?: string;
  /** Details of the problems, shown below the list (e.g. the items a refusal is about). */
  children?: React.ReactNode;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter(([, v]) => v) as [string, MessageKey][];
  const visible = entries.length > 0 || Boolean(formError);
  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [visible, errors, formError]);
  if (!visible) return null;
  return (
    <div
      ref={ref}
      className="error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">{t("form.errorSummary")}</h2>
      <ul>
        {formError ? <li>{formError}</li> : null}
        {entries.map(([field, key]) => (
          <li key={field}>
            <a href={`#field-${field}`}>
              {labels[field] ?? field}: {t(key)}
            </a>
          </li>
        ))}
      </ul>
      {children}
    </div>
  );
}

interface FieldFrameProps {
  id: string;
  label: string;
  required?: boolean;
  error?: MessageKey;
  hint?: string;
  /** Announce the error as it appears: for forms that have no ErrorSummary (the comment forms). */
  announce?: boolean;
  /** The control, given the ids of its hint and error for aria-describedby. */
  children: (describedBy: string | undefined) => React.ReactNode;
}

/** Label, hint and error of a field, tied to its control for assistive technology. */
function FieldFrame({ id, label, required, error, hint, announce, children }: FieldFrameProps) {
  const t = useT();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error" role={announce ? "alert" : undefined}>
          {t(error)}
        </p>
      ) : null}
      {children(describedBy || undefined)}
    </div>
  );
}

interface FieldProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, "name"> {
  name: string;
  label: string;
  error?: MessageKey;
  hint?: string;
}

/** A labelled input with its hint and error tied to it for assistive technology. */
export function Field({ name, label, error, hint, ...input }: FieldProps) {
  const id = input.id ?? `field-${name}`;
  return (
    <FieldFrame id={id} label={label} required={input.required} error={error} hint={hint}>
      {(describedBy) => (
        <input
          {...input}
          id={id}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

interface TextAreaProps extends Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name"> {
  name: string;
  label: string;
  error?: MessageKey;
  hint?: string;
  /** See FieldFrame: for forms without an ErrorSummary. */
  announce?: boolean;
}

/**
 * A labelled textarea with its hint and error tied to it, like {@link Field}. Where one page
 * repeats a form (a reply form per thread), give each an `id` of its own.
 */
export function TextAreaField({ name, label, error, hint, announce, ...textarea }: TextAreaProps) {
  const id = textarea.id ?? `field-${name}`;
  return (
    <FieldFrame
      id={id}
      label={label}
      required={textarea.required}
      error={error}
      hint={hint}
      announce={announce}
    >
      {(describedBy) => (
        <textarea
          {...textarea}
          id={id}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldFrame>
  );
}

interface SelectProps extends Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name"> {
  name: string;
  label: string;
  error?: MessageKey;
  options: { value: string; label: string }[];
}

/** A labelled select with its error tied to it. */
export function SelectField({ name, label, error, options, ...select }: SelectProps) {
  const t = useT();
  const id = select.id ?? `field-${name}`;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {select.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {t(error)}
        </p>
      ) : null}
      <select
        {...select}
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A select in a list page's GET filter form: "all" first, the current filter preselected. Its id
 * is `filter-<name>`, so it never clashes with the page's form fields.
 */
export function FilterSelect({
  name,
  label,
  value,
  allLabel,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  /** The empty choice's text ("Alle"). */
  allLabel: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
