/*
 * The Vue composable behind every generated `useXxxForm()`: the kernel's
 * `FormController`, mirrored into shallow refs. A file of its own so a
 * project without forms gets no form runtime.
 */

import { computed } from "vue";
import type { Ref } from "vue";
import { FormController } from "./kernel-forms";
import type { FormErrors, FormSpec } from "./kernel-forms";
import { observableRef, useMizanClient } from "./kernel-vue";

/** `useXxxForm()`: the form's state as read-only refs, changed through `setValue`. */
export interface FormRefs<V, S> {
  values: Readonly<Ref<V>>;
  /** Field name -> messages (Zod's, then the server's); `__all__`: the non-field messages. */
  errors: Readonly<Ref<FormErrors<V>>>;
  submitting: Readonly<Ref<boolean>>;
  /** The last successful submit's value. */
  result: Readonly<Ref<S | undefined>>;
  setValue: <K extends keyof V>(field: K, value: V[K]) => void;
  /** Zod first, then `<name>.validate`; true when both accept the values. */
  validate: () => Promise<boolean>;
  /** Zod first, then `<name>.submit`; the success value, or undefined (see `errors`). */
  submit: () => Promise<S | undefined>;
  reset: () => void;
}

/** The generic composable behind `useXxxForm()`. */
export function useMizanForm<V extends Record<string, unknown>, S>(spec: FormSpec<V>, initial?: Partial<V>): FormRefs<V, S> {
  const client = useMizanClient();
  const form = new FormController<V, S>(spec, initial, () => client);
  const state = observableRef(form.subscribe, () => form.state);
  return {
    values: computed(() => state.value.values),
    errors: computed(() => state.value.errors),
    submitting: computed(() => state.value.submitting),
    result: computed(() => state.value.result),
    setValue: form.setValue,
    validate: form.validate,
    submit: form.submit,
    reset: form.reset,
  };
}
