/*
 * The Svelte function behind every generated `useXxxForm()`: the kernel's
 * `FormController`, read through getters Svelte tracks. A file of its own so
 * a project without forms gets no form runtime.
 */

import { FormController } from "./kernel-forms";
import type { FormResult, FormSpec } from "./kernel-forms";
import { trackChanges, useMizanClient } from "./kernel-svelte";

/** The generic function behind `useXxxForm()`; call it while a component initialises. */
export function useMizanForm<V extends Record<string, unknown>, S>(spec: FormSpec<V>, initial?: Partial<V>): FormResult<V, S> {
  const client = useMizanClient();
  const form = new FormController<V, S>(spec, initial, () => client);
  const track = trackChanges(form);
  return {
    get values() {
      track();
      return form.state.values;
    },
    get errors() {
      track();
      return form.state.errors;
    },
    get submitting() {
      track();
      return form.state.submitting;
    },
    get result() {
      track();
      return form.state.result;
    },
    setValue: form.setValue,
    validate: form.validate,
    submit: form.submit,
    reset: form.reset,
  };
}
