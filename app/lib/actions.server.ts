import { data } from "react-router";
import * as z from "zod";
import { isMessageKey, type MessageKey } from "#common/i18n/index.ts";
import { DomainError } from "#server/domain/errors.ts";
import { cleanText } from "#common/text.ts";
import type { ActionResult, FieldErrors } from "./forms.ts";
import { guard } from "./guards.server.ts";

/*
 * The one form pipeline: every route action reads its body with `readForm` and hands it to
 * `formAction` with either one handler or a map intent → handler. A handler is a zod schema of
 * the form's fields (built from `field`) and the use case to run with the parsed input:
 *
 *   return formAction(form, {
 *     intents: {
 *       add: handler({ schema: z.object({ name: field.raw() }), run: ({ name }) => add(...) }),
 *       remove: handler({ schema: z.object({ id: field.raw() }), run: ({ id }) => remove(...) }),
 *     },
 *   });
 *
 * An unknown or missing intent is thrown as a 400. A NUL byte in any field, or a field the schema
 * refuses, is answered 400 before anything runs; DomainError "invalid" is answered 400 and
 * "conflict" 409, always with the typed values; forbidden and not found go to the error boundary.
 * `run` may return an extra payload for the page, return `refuse(...)` for a refusal of its own
 * (throttled login, a changed passage) or throw a redirect.
 */

export interface TextRule {
  required?: boolean;
  max?: number;
  min?: number;
  pattern?: RegExp;
  patternMessage?: MessageKey;
  /** false for passwords: taken exactly as typed (never trimmed, at creation or login). */
  trim?: boolean;
}

/** Fields whose every value is read (`form.getAll`), and echoed in `lists` when refused. */
const LIST_FIELDS = new WeakSet<z.ZodType>();

function textProblem(raw: string, value: string, rule: TextRule): MessageKey | undefined {
  if (raw.includes("\0")) return "form.invalidCharacters";
  if (rule.required && value === "") return "form.required";
  if (rule.max !== undefined && value.length > rule.max) return "form.tooLong";
  if (rule.min && value !== "" && value.length < rule.min) return "form.tooShort";
  if (rule.pattern && value !== "" && !rule.pattern.test(value)) {
    return rule.patternMessage ?? "form.invalid";
  }
  return undefined;
}

/** The building blocks of a form's schema; each field error is a catalogue message key. */
export const field = {
  /**
   * Typed text under the shared rule: a NUL byte is refused, the text is cleaned by `cleanText`
   * (characters XML forbids dropped, trimmed, only zero-width characters count as empty) unless
   * `trim: false`, then checked against the rule (required, max, min, pattern).
   */
  text(rule: TextRule = {}) {
    return z.unknown().transform((input, ctx) => {
      const raw = typeof input === "string" ? input : "";
      const value = rule.trim === false ? raw : cleanText(raw);
      const problem = textProblem(raw, value, rule);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return value;
    });
  },
  /** The value exactly as sent ("" when missing): ids, choices and text the use case checks. */
  raw() {
    return field.text({ trim: false });
  },
  /** Every non-empty value of a repeated field (checkbox group, multiple select). */
  list() {
    const schema = z.unknown().transform((input, ctx) => {
      const values = (Array.isArray(input) ? input : []).filter(
        (v): v is string => typeof v === "string" && v !== "",
      );
      if (values.some((v) => v.includes("\0"))) {
        ctx.addIssue({ code: "custom", message: "form.invalidCharacters" });
        return z.NEVER;
      }
      return values;
    });
    LIST_FIELDS.add(schema);
    return schema;
  },
  /** A checkbox: true when ticked ("on"). */
  checkbox() {
    return z.unknown().transform((input) => input === "on");
  },
};

type FormSchema = z.ZodObject;
type RefusalStatus = 400 | 401 | 409 | 429;

/** A refusal a handler decides on itself; see {@link refuse}. */
export class Refusal<Extra> {
  constructor(
    readonly status: RefusalStatus,
    readonly body: {
      errors?: FieldErrors;
      formError?: MessageKey;
      formErrorParams?: Record<string, string | number>;
      extra?: Extra;
    },
  ) {}
}

/** Refuses the form from inside `run`, with the typed values echoed like any refusal. */
export function refuse<Extra = never>(
  status: RefusalStatus,
  body: Refusal<Extra>["body"] = {},
): Refusal<Extra> {
  return new Refusal(status, body);
}

export interface FormHandler<S extends FormSchema, R> {
  schema: S;
  run: (input: z.output<S>) => Promise<R>;
}

/** Ties a handler's `run` to its schema's types (for the entries of an intent map). */
export function handler<S extends FormSchema, R>(h: FormHandler<S, R>): FormHandler<S, R> {
  return h;
}

/** What a `run` result adds to the answer: the payload of a refusal or of a success. */
type ExtraOf<R> = R extends Refusal<infer E> ? E : R extends void | undefined ? never : R;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema, any result
type AnyHandler = FormHandler<any, any>;
type Reply<Extra> = ReturnType<typeof data<ActionResult<Extra>>>;

/** The field errors of a DomainError as catalogue keys (an unknown code reads "invalid"). */
export function fieldErrorsOf(error: DomainError): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, key] of Object.entries(error.fieldErrors)) {
    errors[name] = isMessageKey(key) ? key : "form.invalid";
  }
  return errors;
}

/** One form, one handler: the form has no intent to dispatch on. */
export function formAction<S extends FormSchema, R>(
  form: FormData,
  handler: FormHandler<S, R>,
): Promise<Reply<ExtraOf<R>>>;
/** Several forms on one page: dispatched on the form's `intent`; unknown or missing is a 400. */
export function formAction<M extends Record<string, AnyHandler>>(
  form: FormData,
  spec: { intents: M },
): Promise<Reply<ExtraOf<Awaited<ReturnType<M[keyof M]["run"]>>>>>;
export async function formAction(
  form: FormData,
  spec: AnyHandler | { intents: Record<string, AnyHandler> },
): Promise<Reply<unknown>> {
  const sent = form.get("intent");
  const intent = typeof sent === "string" ? sent : undefined;
  let chosen: AnyHandler;
  if ("intents" in spec) {
    if (intent === undefined || !Object.hasOwn(spec.intents, intent)) {
      throw data({ code: "bad_request" }, { status: 400 });
    }
    chosen = spec.intents[intent]!;
  } else {
    chosen = spec;
  }
  const schema = chosen.schema as FormSchema;
  const refused = (status: number, body: Refusal<unknown>["body"]) =>
    data<ActionResult<unknown>>(
      { ok: false, intent, ...body, errors: body.errors ?? {}, ...echo(form, schema) },
      { status },
    );

  const parsed = schema.safeParse(schemaInput(form, schema));
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? "");
      errors[name] ??= isMessageKey(issue.message) ? issue.message : "form.invalid";
    }
  }
  // A NUL byte is refused in any field, whether or not the schema reads it.
  for (const [name, value] of form.entries()) {
    if (typeof value === "string" && value.includes("\0")) errors[name] = "form.invalidCharacters";
  }
  if (!parsed.success || Object.keys(errors).length > 0) return refused(400, { errors });

  try {
    const outcome: unknown = await chosen.run(parsed.data);
    if (outcome instanceof Refusal) return refused(outcome.status, outcome.body);
    return data<ActionResult<unknown>>({
      ok: true,
      intent,
      errors: {},
      values: {},
      lists: {},
      ...(outcome === undefined ? {} : { extra: outcome }),
    });
  } catch (error) {
    if (error instanceof DomainError && (error.kind === "invalid" || error.kind === "conflict")) {
      return refused(error.kind === "invalid" ? 400 : 409, {
        errors: fieldErrorsOf(error),
        formError: error.kind === "conflict" && isMessageKey(error.code) ? error.code : undefined,
      });
    }
    return guard(Promise.reject(error));
  }
}

/** The schema's fields as read from the form: the first value, or every value of a list. */
function schemaInput(form: FormData, schema: FormSchema): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, fieldSchema] of Object.entries(schema.shape)) {
    input[name] = LIST_FIELDS.has(fieldSchema as z.ZodType)
      ? form.getAll(name)
      : (form.get(name) ?? undefined);
  }
  return input;
}

/** What was typed, to send back with a refused form; passwords are never echoed. */
function echo(
  form: FormData,
  schema: FormSchema,
): { values: Record<string, string>; lists: Record<string, string[]> } {
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  const clean = (value: string) => value.replace(/\0/g, "");
  for (const [name, value] of form.entries()) {
    if (typeof value === "string" && !/password/i.test(name) && !(name in values)) {
      values[name] = clean(value);
    }
  }
  for (const [name, fieldSchema] of Object.entries(schema.shape)) {
    if (LIST_FIELDS.has(fieldSchema as z.ZodType) && !/password/i.test(name)) {
      lists[name] = form
        .getAll(name)
        .filter((v): v is string => typeof v === "string")
        .map(clean);
    }
  }
  return { values, lists };
}
