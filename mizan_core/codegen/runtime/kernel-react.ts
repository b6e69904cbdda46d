/* eslint-disable */
/*
 * The React adapter of the runtime: the root provider, one provider per
 * named context, and the generic hooks the generated `useXxx()` functions
 * are one-line wrappers of. The state behind them (context stores,
 * mutations, channel feeds, forms) is the framework-free kernel's; this file
 * only subscribes React to it (`useSyncExternalStore`).
 *
 * Global values embedded by the Django template tag in
 * `<script type="application/json" id="mizan-hydration">` (its
 * `contexts.global`) seed the root's store, so a hydrated value is shown
 * without a first fetch. `<MizanContext live={false}>` turns off the
 * subscriptions to other users' changes.
 *
 * Linters pass over it (`eslint-disable` above): the React Compiler rules of
 * eslint-plugin-react-hooks 7 refuse the latest-value ref a mutation reads
 * and the effect that opens a channel's feed, and exhaustive-deps the two
 * memos keyed on less than they read; all deliberate here.
 */

import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import type { Context, ReactElement, ReactNode } from "react";
import { ChannelFeed, ContextStore, MutationController, defaultClient, rootClient, rootState, startRoot } from "./kernel";
import type { ChannelOptions, ChannelStatus, ContextMember, ContextSpec, MizanClient, MizanError, MizanRootOptions, RootState, TransportOptions, WebSocketCallOptions } from "./kernel";

export interface QueryResult<R> {
  data: R | undefined;
  error: MizanError | undefined;
  loading: boolean;
  refetch: () => Promise<void>;
}

export interface MutationResult<P extends unknown[], R> {
  /** Call the function; resolves to its result, rejects with a `MizanError`. */
  mutate: (...args: P) => Promise<R>;
  data: R | undefined;
  error: MizanError | undefined;
  loading: boolean;
}

/**
 * What the hook of a function that takes arguments returns. One declaration of
 * its `[args: A]`, shared by every hook: a tuple written in each hook's
 * signature would be a type of its own, compared member by member with the
 * runtime's, which is most of what a hook costs the compiler.
 */
export type CallMutationResult<A, R> = MutationResult<[args: A], R>;

export interface ChannelResult<S, C> {
  messages: S[];
  send: (message: C) => void;
  status: ChannelStatus;
  error: MizanError | undefined;
}

export interface ReactContextSpec extends ContextSpec {
  store: Context<ContextStore | null>;
}

export function defineContext(name: string, members: readonly ContextMember[]): ReactContextSpec {
  return { name, members, store: createContext<ContextStore | null>(null) };
}

const RootContext = /* @__PURE__ */ createContext<RootState | null>(null);

export interface MizanRootProps extends MizanRootOptions {
  children?: ReactNode | undefined;
}

/**
 * Generic root; the generated `MizanContext` passes the project's global
 * functions, and `socket` when it has `websocket=True` functions: the root
 * then keeps the client's multiplexed socket open while mounted.
 */
export function MizanRoot(props: MizanRootProps & { globals: readonly ContextMember[]; socket: boolean }): ReactElement {
  const { baseUrl, wsUrl, token, client: given, hydration, globals, socket, children } = props;
  const live = props.live ?? true;
  const client = useMemo(() => rootClient({ client: given, baseUrl, wsUrl, token }), [given, baseUrl, wsUrl, token]);
  // The hydration is read once per client: later prop changes are not a reload.
  const root = useMemo(() => rootState(client, { hydration, live }, globals), [client, live]);
  useEffect(() => startRoot(root, socket, !given), [root, socket, given]);
  return createElement(RootContext.Provider, { value: root }, children);
}

export function useMizanClient(): MizanClient {
  return useContext(RootContext)?.client ?? defaultClient();
}

function useEntry(store: ContextStore, name: string): QueryResult<unknown> {
  const entry = useSyncExternalStore(store.subscribe, () => store.snapshot(name), () => store.snapshot(name));
  const refetch = useCallback(() => store.fetch(name), [store, name]);
  return { data: entry.data, error: entry.error, loading: entry.loading || !entry.started, refetch };
}

/** A global context function's value: fetched on first use unless hydrated. */
export function useGlobalValue<R>(name: string, hook: string): QueryResult<R> {
  const root = useContext(RootContext);
  if (!root) throw new Error(`${hook}() must be used inside <MizanContext>`);
  useEffect(() => root.globals.ensure(name), [root, name]);
  return useEntry(root.globals, name) as QueryResult<R>;
}

/** A named context function's value, read from the nearest provider of its context. */
export function useContextValue<R>(spec: ReactContextSpec, name: string, hook: string, provider: string): QueryResult<R> {
  const store = useContext(spec.store);
  if (!store) throw new Error(`${hook}() must be used inside <${provider}>`);
  return useEntry(store, name) as QueryResult<R>;
}

/** Generic provider of a named context: fetches its functions for `params`, re-fetches on invalidation. */
export function ContextProvider(props: { spec: ReactContextSpec; params: Record<string, unknown>; children?: ReactNode }): ReactElement {
  const { spec, params, children } = props;
  const client = useMizanClient();
  const live = useContext(RootContext)?.live ?? false;
  const key = JSON.stringify(params, Object.keys(params).sort());
  // A new store per distinct props: the values of cart 1 are not those of cart 2.
  const store = useMemo(() => new ContextStore(client, spec.name, spec.members, params), [client, spec, key]);
  useEffect(() => {
    const stop = store.listen();
    for (const member of spec.members) store.ensure(member.name);
    return stop;
  }, [store, spec]);
  useEffect(() => (live ? store.live() : undefined), [store, live]);
  return createElement(spec.store.Provider, { value: store }, children);
}

/**
 * The body of a generated `<XxxProvider>`: its props are the context's
 * params and `children`. A plain function, so the compiler checks each
 * provider without resolving `createElement`'s overloads.
 */
export function contextProvider(spec: ReactContextSpec, props: { children?: ReactNode }): ReactElement {
  const { children, ...params } = props;
  return createElement(ContextProvider, { spec, params, children });
}

export function useMutation<P extends unknown[], R>(run: (client: MizanClient, ...args: P) => Promise<R>): MutationResult<P, R> {
  const client = useMizanClient();
  const runRef = useRef(run);
  runRef.current = run;
  const [controller] = useState(() => new MutationController<P, R>((c, ...args) => runRef.current(c, ...args)));
  const state = useSyncExternalStore(controller.subscribe, () => controller.state, () => controller.state);
  const mutate = useCallback((...args: P): Promise<R> => controller.mutate(client, ...args), [controller, client]);
  return { mutate, ...state };
}

/**
 * `useMutation` over a generated call that takes arguments: what `use<Name>()`
 * returns. One generic function here keeps each generated hook a plain call
 * of it, cheap for the compiler however many functions the project has.
 */
export function useCallMutation<A, R>(call: (args: A, options: WebSocketCallOptions) => Promise<R>, options?: TransportOptions): CallMutationResult<A, R> {
  return useMutation<[args: A], R>((client, args) => call(args, { client, transport: options?.transport }));
}

/*
 * What a generated `use<Name>()` of a call with arguments is:
 * `export const useXxx = defineCallMutation<XxxArgs, R>(callXxx)`, a constant
 * rather than a function declaration per hook (fewer nodes to compile).
 */
export function defineCallMutation<A, R>(call: (args: A, options: WebSocketCallOptions) => Promise<R>): () => CallMutationResult<A, R> {
  return function useGeneratedMutation() {
    return useCallMutation<A, R>(call);
  };
}

/** `defineCallMutation` for a `websocket=True` function: the hook takes `{ transport }`. */
export function defineSocketMutation<A, R>(call: (args: A, options: WebSocketCallOptions) => Promise<R>): (options?: TransportOptions) => CallMutationResult<A, R> {
  return function useGeneratedMutation(options?: TransportOptions) {
    return useCallMutation<A, R>(call, options);
  };
}

/** What the hook of a function whose every argument has a default returns: `mutate()` works too. */
export type CallWithDefaultsMutationResult<A, R> = MutationResult<[args?: A], R>;

/** `defineCallMutation` for a function whose every argument has a default. */
export function defineCallMutationWithDefaults<A, R>(call: (args: A | undefined, options: WebSocketCallOptions) => Promise<R>): () => CallWithDefaultsMutationResult<A, R> {
  return function useGeneratedMutation() {
    return useMutation<[args?: A], R>((client, args) => call(args, { client }));
  };
}

/** `defineSocketMutation` for a function whose every argument has a default. */
export function defineSocketMutationWithDefaults<A, R>(call: (args: A | undefined, options: WebSocketCallOptions) => Promise<R>): (options?: TransportOptions) => CallWithDefaultsMutationResult<A, R> {
  return function useGeneratedMutation(options?: TransportOptions) {
    return useMutation<[args?: A], R>((client, args) => call(args, { client, transport: options?.transport }));
  };
}

const NO_FEED = { messages: [], status: "connecting", error: undefined } as const;
const noSubscription = (): (() => void) => () => undefined;

/** Subscribe to a channel while mounted; messages accumulate in arrival order. */
export function useChannel<S, C>(name: string, params: object, options: ChannelOptions = {}): ChannelResult<S, C> {
  const fallback = useMizanClient();
  const client = options.client ?? fallback;
  const key = JSON.stringify(params);
  const [feed, setFeed] = useState<ChannelFeed<S, C> | null>(null);
  useEffect(() => {
    const opened = new ChannelFeed<S, C>(name, JSON.parse(key) as object, {
      client, backoffMs: options.backoffMs, maxBackoffMs: options.maxBackoffMs,
    });
    setFeed(opened);
    return () => opened.close();
  }, [client, name, key, options.backoffMs, options.maxBackoffMs]);
  const state = useSyncExternalStore(
    feed ? feed.subscribe : noSubscription,
    () => (feed ? feed.state : NO_FEED),
    () => (feed ? feed.state : NO_FEED),
  );
  const send = useCallback((message: C) => feed?.send(message), [feed]);
  return { messages: state.messages as S[], send, status: state.status, error: state.error };
}

