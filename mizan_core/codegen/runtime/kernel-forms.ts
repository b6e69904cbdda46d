/*
 * Forms: Zod field builders that mirror Django's field rules and messages,
 * and the framework-free controller behind every generated `useXxxForm()`.
 *
 * A form is checked twice: first in the browser with its Zod schema (the
 * rules Django's fields declare: required, lengths, bounds, formats,
 * choices, with Django's own English messages), then on the server with
 * `<name>.validate` (everything else: `clean()`, database checks). `submit`
 * posts to `<name>.submit`; a `400 invalid_form` answer carries
 * `{"errors": {field: [messages]}, "non_field_errors": [messages]}`.
 * Errors use Django's own layout: field name -> messages, `__all__` for the
 * non-field messages.
 */

import { z } from "zod";
import { MizanError, Observable, defaultClient } from "./kernel";
import type { MizanClient } from "./kernel";

export type FormErrors<V> = { [K in keyof V]?: string[] } & { __all__?: string[] };

export interface FormValidation {
  valid: boolean;
  errors: Record<string, string[]>;
  non_field_errors: string[];
}

export interface FormFieldInfo {
  name: string;
  label: string;
  kind: string;
  widget: string;
  required: boolean;
  helpText: string;
  choices: readonly { value: string | number | boolean | null; label: string }[];
}

export interface FormInfo {
  name: string;
  title: string;
  submitLabel: string;
  fields: readonly FormFieldInfo[];
}

export interface FormResult<V, S> {
  values: V;
  setValue: <K extends keyof V>(field: K, value: V[K]) => void;
  errors: FormErrors<V>;
  /** Zod first, then `<name>.validate`; true when both accept the values. */
  validate: () => Promise<boolean>;
  /** Zod first, then `<name>.submit`; the success value, or undefined (see `errors`). */
  submit: () => Promise<S | undefined>;
  submitting: boolean;
  result: S | undefined;
  reset: () => void;
}

export interface FormSpec<V> {
  name: string;
  schema: z.ZodTypeAny;
  initial: V;
}

const REQUIRED = "This field is required.";

// Written against the part of Zod's refinement context that v3 and v4 share.
interface IssueSink {
  addIssue(issue: { code: "custom"; message: string }): void;
}

/** A superRefine callback from a check that calls `fail(message)` per problem. */
function check<T>(run: (value: T, fail: (message: string) => void) => void) {
  return (value: T, ctx: IssueSink): void => run(value, (message) => ctx.addIssue({ code: "custom", message }));
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

// Django's validators, close enough for a first check; the server has the last word.
const FORMATS: Record<string, [RegExp, string]> = {
  email: [/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "Enter a valid email address."],
  url: [/^(https?|ftps?):\/\/[^\s/$.?#].[^\s]*$/i, "Enter a valid URL."],
  slug: [/^[-a-zA-Z0-9_]+$/, "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."],
  uuid: [/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i, "Enter a valid UUID."],
};

export interface TextRules {
  required: boolean;
  minLength?: number | undefined;
  maxLength?: number | undefined;
  format?: keyof typeof FORMATS | undefined;
}

export interface NumberRules {
  required: boolean;
  minValue?: number | undefined;
  maxValue?: number | undefined;
}

export interface DecimalRules extends NumberRules {
  maxDigits?: number | undefined;
  decimalPlaces?: number | undefined;
}

function bounds(value: number, rules: NumberRules, fail: (m: string) => void): void {
  if (rules.maxValue !== undefined && value > rules.maxValue) fail(`Ensure this value is less than or equal to ${rules.maxValue}.`);
  if (rules.minValue !== undefined && value < rules.minValue) fail(`Ensure this value is greater than or equal to ${rules.minValue}.`);
}

/** The field builders generated schemas are made of. */
export const formKit = {
  /** CharField and its text relatives; Django strips the value first. */
  text: (rules: TextRules) =>
    z.string().superRefine(check<string>((raw, fail) => {
      const value = raw.trim();
      if (value === "") return rules.required ? fail(REQUIRED) : undefined;
      const format = rules.format ? FORMATS[rules.format] : undefined;
      if (format && !format[0].test(value)) fail(format[1]);
      const n = value.length;
      if (rules.minLength !== undefined && n < rules.minLength) {
        fail(`Ensure this value has at least ${rules.minLength} ${plural(rules.minLength, "character", "characters")} (it has ${n}).`);
      }
      if (rules.maxLength !== undefined && n > rules.maxLength) {
        fail(`Ensure this value has at most ${rules.maxLength} ${plural(rules.maxLength, "character", "characters")} (it has ${n}).`);
      }
    })),
  /** IntegerField: `null` is the empty field. */
  integer: (rules: NumberRules) =>
    z.number().nullable().superRefine(check<number | null>((value, fail) => {
      if (value === null || Number.isNaN(value)) return rules.required ? fail(REQUIRED) : undefined;
      if (!Number.isInteger(value)) return fail("Enter a whole number.");
      bounds(value, rules, fail);
    })),
  /** FloatField. */
  number: (rules: NumberRules) =>
    z.number().nullable().superRefine(check<number | null>((value, fail) => {
      if (value === null || Number.isNaN(value)) return rules.required ? fail(REQUIRED) : undefined;
      if (!Number.isFinite(value)) return fail("Enter a number.");
      bounds(value, rules, fail);
    })),
  /** DecimalField: decimal text, as pydantic and Django send decimals. */
  decimal: (rules: DecimalRules) =>
    z.string().superRefine(check<string>((raw, fail) => {
      const value = raw.trim();
      if (value === "") return rules.required ? fail(REQUIRED) : undefined;
      const match = /^[-+]?(\d*)(?:\.(\d*))?$/.exec(value);
      if (!match || (!match[1] && !match[2])) return fail("Enter a number.");
      const whole = (match[1] ?? "").replace(/^0+/, "");
      const places = (match[2] ?? "").replace(/0+$/, "");
      const digits = whole.length + places.length;
      if (rules.maxDigits !== undefined && digits > rules.maxDigits) {
        fail(`Ensure that there are no more than ${rules.maxDigits} ${plural(rules.maxDigits, "digit", "digits")} in total.`);
      } else if (rules.decimalPlaces !== undefined && places.length > rules.decimalPlaces) {
        fail(`Ensure that there are no more than ${rules.decimalPlaces} decimal ${plural(rules.decimalPlaces, "place", "places")}.`);
      }
      bounds(Number(value), rules, fail);
    })),
  /** BooleanField: required means "must be checked", as in Django. */
  checkbox: (rules: { required: boolean }) =>
    z.boolean().superRefine(check<boolean>((value, fail) => {
      if (rules.required && !value) fail(REQUIRED);
    })),
  /** ChoiceField: `""` (or `null`) is no selection. */
  choice: <V extends string | number | boolean>(values: readonly V[], rules: { required: boolean }) =>
    z.custom<V | "" | null>(() => true).superRefine(check<V | "" | null>((value, fail) => {
      if (value === "" || value === null || value === undefined) return rules.required ? fail(REQUIRED) : undefined;
      if (!values.includes(value as V)) fail(`Select a valid choice. ${String(value)} is not one of the available choices.`);
    })),
  /** MultipleChoiceField. */
  choices: <V extends string | number | boolean>(values: readonly V[], rules: { required: boolean }) =>
    z.array(z.custom<V>(() => true)).superRefine(check<V[]>((list, fail) => {
      if (list.length === 0) return rules.required ? fail(REQUIRED) : undefined;
      const bad = list.find((v) => !values.includes(v));
      if (bad !== undefined) fail(`Select a valid choice. ${String(bad)} is not one of the available choices.`);
    })),
  /** Any other field: only "required" is checked here; the server checks the rest. */
  value: <T>(rules: { required: boolean }) =>
    z.custom<T>(() => true).superRefine(check<T>((value, fail) => {
      const empty = value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
      if (rules.required && empty) fail(REQUIRED);
    })),
};

function zodErrors<V>(error: z.ZodError): FormErrors<V> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "__all__";
    (out[key] ??= []).push(issue.message);
  }
  return out as FormErrors<V>;
}

function serverErrors<V>(errors: Record<string, string[]>, nonField: string[]): FormErrors<V> {
  const out: Record<string, string[]> = { ...errors };
  if (nonField.length) out["__all__"] = [...nonField];
  return out as FormErrors<V>;
}

/** What a form shows: its values, the messages per field, and the last success. */
export interface FormState<V, S> {
  values: V;
  errors: FormErrors<V>;
  submitting: boolean;
  result: S | undefined;
}

/**
 * One form being filled in: the state every adapter's `useXxxForm()`
 * renders, and the two-step checks (Zod, then the server) behind it.
 */
export class FormController<V extends Record<string, unknown>, S> extends Observable {
  state: FormState<V, S>;
  private readonly spec: FormSpec<V>;
  private readonly initial: Partial<V> | undefined;
  private readonly client: () => MizanClient;

  constructor(spec: FormSpec<V>, initial?: Partial<V>, client: () => MizanClient = defaultClient) {
    super();
    this.spec = spec;
    this.initial = initial;
    this.client = client;
    this.state = { values: { ...spec.initial, ...initial }, errors: {}, submitting: false, result: undefined };
  }


  private set(patch: Partial<FormState<V, S>>): void {
    this.state = { ...this.state, ...patch };
    this.notify();
  }

  setValue = <K extends keyof V>(field: K, value: V[K]): void => {
    const errors = this.state.errors;
    let next = errors;
    if (field in errors) {
      next = { ...errors };
      delete next[field];
    }
    this.set({ values: { ...this.state.values, [field]: value }, errors: next });
  };

  private checkLocally(): boolean {
    const parsed = this.spec.schema.safeParse(this.state.values);
    if (!parsed.success) this.set({ errors: zodErrors<V>(parsed.error) });
    return parsed.success;
  }

  /** Zod first, then `<name>.validate`; true when both accept the values. */
  validate = async (): Promise<boolean> => {
    if (!this.checkLocally()) return false;
    try {
      const answer = await this.client().call<FormValidation>(`${this.spec.name}.validate`, this.state.values);
      this.set({ errors: serverErrors<V>(answer.errors, answer.non_field_errors) });
      return answer.valid;
    } catch (error) {
      this.set({ errors: serverErrors<V>({}, [error instanceof Error ? error.message : String(error)]) });
      return false;
    }
  };

  /** Zod first, then `<name>.submit`; the success value, or undefined (see `errors`). */
  submit = async (): Promise<S | undefined> => {
    if (!this.checkLocally()) return undefined;
    this.set({ submitting: true });
    try {
      const answer = await this.client().call<S>(`${this.spec.name}.submit`, this.state.values);
      this.set({ errors: {}, result: answer, submitting: false });
      return answer;
    } catch (error) {
      const details = error instanceof MizanError && error.code === "invalid_form"
        ? (error.details as Partial<FormValidation> | null)
        : null;
      this.set({
        submitting: false,
        errors: details
          ? serverErrors<V>(details.errors ?? {}, details.non_field_errors ?? [])
          : serverErrors<V>({}, [error instanceof Error ? error.message : String(error)]),
      });
      return undefined;
    }
  };

  reset = (): void => {
    this.set({ values: { ...this.spec.initial, ...this.initial }, errors: {}, result: undefined });
  };
}
