/* eslint-disable */
/*
 * The React hook behind every generated `useXxxForm()`: the kernel's
 * `FormController`, subscribed to with `useSyncExternalStore`. A file of its
 * own so a project without forms gets no form runtime.
 *
 * Linters pass over it (`eslint-disable` above): the React Compiler rules of
 * eslint-plugin-react-hooks 7 refuse the latest-value ref the form reads its
 * client through, which is deliberate here.
 */

import { useRef, useState, useSyncExternalStore } from "react";
import { FormController } from "./kernel-forms";
import type { FormResult, FormSpec } from "./kernel-forms";
import { useMizanClient } from "./kernel-react";

/** The generic hook behind `useXxxForm()`. */
export function useMizanForm<V extends Record<string, unknown>, S>(spec: FormSpec<V>, initial?: Partial<V>): FormResult<V, S> {
  const client = useMizanClient();
  const clientRef = useRef(client);
  clientRef.current = client;
  const [form] = useState(() => new FormController<V, S>(spec, initial, () => clientRef.current));
  const state = useSyncExternalStore(form.subscribe, () => form.state, () => form.state);
  return { ...state, setValue: form.setValue, validate: form.validate, submit: form.submit, reset: form.reset };
}
