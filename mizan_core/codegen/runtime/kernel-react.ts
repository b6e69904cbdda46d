/*
 * The React half of the runtime: the root provider, context stores, and the
 * generic hooks the generated `useXxx()` functions are one-line wrappers of.
 *
 * A context store holds the values of one context's functions for one set of
 * props (a `<CartProvider cart_id={1}>`, or the global context under the
 * root). It listens to the invalidation bus and re-fetches exactly what an
 * entry names: `kind: "context"` re-fetches every function of the matching
 * provider, `kind: "function"` only that function, and only where the
 * entry's scope equals the provider's props (docs/protocol.md).
 *
 * Live: while mounted, each store also subscribes over the multiplexed
 * socket to its context for its props, so another user's (or process's)
 * change reaches it as a pushed entry on the same bus; when the socket
 * reconnects it re-fetches everything it shows. `<MizanContext live={false}>`
 * turns this off.
 *
 * Global values embedded by the Django template tag in
 * `<script type="application/json" id="mizan-hydration">` (its
 * `contexts.global`) seed the root's store, so a hydrated value is shown
 * without a first fetch.
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
import {
  ChannelConnection,
  MizanClient,
  MizanError,
  defaultClient,
  entryKey,
  onInvalidate,
  scopeMatches,
} from "./kernel";
import type { ChannelOptions, ChannelStatus, InvalidateEntry, TokenSource } from "./kernel";

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

export interface ChannelResult<S, C> {
  messages: S[];
  send: (message: C) => void;
  status: ChannelStatus;
  error: MizanError | undefined;
}

/** A function of a context and the provider props it takes. */
export interface ContextMember {
  name: string;
  params: readonly string[];
}

export interface ContextSpec {
  name: string;
  members: readonly ContextMember[];
  store: Context<ContextStore | null>;
}

interface Entry {
  data: unknown;
  error: MizanError | undefined;
  loading: boolean;
  started: boolean;
}

const IDLE: Entry = { data: undefined, error: undefined, loading: false, started: false };

export class ContextStore {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private readonly generation = new Map<string, number>();
  /** when each function's latest fetch started, and when this page's own answers named each entry */
  private readonly startedAt = new Map<string, number>();
  private readonly ownAnswers = new Map<string, number>();
  readonly client: MizanClient;
  readonly context: string;
  private readonly members: readonly ContextMember[];
  private readonly params: Record<string, unknown>;

  constructor(
    client: MizanClient,
    context: string,
    members: readonly ContextMember[],
    params: Record<string, unknown>,
    initial: Record<string, unknown> = {},
  ) {
    this.client = client;
    this.context = context;
    this.members = members;
    this.params = params;
    for (const member of members) {
      if (Object.prototype.hasOwnProperty.call(initial, member.name)) {
        this.entries.set(member.name, { data: initial[member.name], error: undefined, loading: false, started: true });
      }
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  snapshot(name: string): Entry {
    return this.entries.get(name) ?? IDLE;
  }

  private set(name: string, entry: Entry): void {
    this.entries.set(name, entry);
    for (const listener of [...this.listeners]) listener();
  }

  private argsOf(member: ContextMember): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    for (const key of member.params) {
      if (this.params[key] !== undefined) args[key] = this.params[key];
    }
    return args;
  }

  /** Fetch `name` unless it was fetched (or hydrated) already. */
  ensure(name: string): void {
    if (!this.snapshot(name).started) void this.fetch(name);
  }

  async fetch(name: string, fresh = false): Promise<void> {
    const member = this.members.find((m) => m.name === name);
    if (!member) return;
    const generation = (this.generation.get(name) ?? 0) + 1;
    this.generation.set(name, generation);
    this.startedAt.set(name, Date.now());
    const before = this.snapshot(name);
    this.set(name, { ...before, loading: true, started: true });
    try {
      const data = await this.client.get<unknown>(name, this.argsOf(member), { fresh });
      if (this.generation.get(name) === generation) this.set(name, { data, error: undefined, loading: false, started: true });
    } catch (error) {
      if (this.generation.get(name) === generation) {
        const failure = error instanceof MizanError ? error : new MizanError("internal_error", String(error), 0);
        this.set(name, { data: this.snapshot(name).data, error: failure, loading: false, started: true });
      }
    }
  }

  /** Which of this store's functions an invalidation entry names. */
  affected(entry: InvalidateEntry): ContextMember[] {
    if (entry.kind === "context") {
      return entry.target === this.context && scopeMatches(entry.scope, this.params) ? [...this.members] : [];
    }
    return this.members.filter((m) => m.name === entry.target && scopeMatches(entry.scope, this.argsOf(m)));
  }

  listen(): () => void {
    return onInvalidate((entry, pushed) => {
      const affected = this.affected(entry);
      if (affected.length === 0) return;
      const key = entryKey(entry);
      if (!pushed) this.ownAnswers.set(key, Date.now());
      for (const member of affected) {
        const shown = this.snapshot(member.name);
        // Only what was shown is re-fetched; an unread global stays lazy.
        if (!shown.started) continue;
        // A pushed entry may share a fetch in flight only if that fetch began on
        // this page's own answer naming the same entry (it read after that
        // commit): the push is most likely the same change coming back.
        const own = this.ownAnswers.get(key);
        const since = this.startedAt.get(member.name) ?? 0;
        const fresh = pushed && !(shown.loading && own !== undefined && since >= own);
        void this.fetch(member.name, fresh);
      }
    });
  }

  /** Subscribe to pushes for this context and props; after a reconnect, re-fetch what is shown. */
  live(): () => void {
    if (this.members.length === 0) return () => undefined;
    const args: Record<string, unknown> = {};
    for (const key of Object.keys(this.params).sort()) {
      if (this.params[key] !== undefined) args[key] = this.params[key];
    }
    const unsubscribe = this.client.subscribe({ context: this.context, args });
    const stop = this.client.onReconnect(() => {
      for (const member of this.members) {
        if (this.snapshot(member.name).started) void this.fetch(member.name);
      }
    });
    return () => {
      stop();
      unsubscribe();
    };
  }
}

export function defineContext(name: string, members: readonly ContextMember[]): ContextSpec {
  return { name, members, store: createContext<ContextStore | null>(null) };
}

interface Root {
  client: MizanClient;
  globals: ContextStore;
  live: boolean;
}

const RootContext = createContext<Root | null>(null);

/**
 * The document `{% mizan_hydration %}` renders into the page
 * (docs/protocol.md, "SSR hydration"): `contexts.global` maps each global
 * context function's registered name to its value.
 */
export interface Hydration {
  version: 1;
  contexts: { global?: Record<string, unknown> | undefined };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The page's hydration document, or `null` when there is none. A document
 * this client cannot read (not JSON, another `version`) counts as none: the
 * values are then fetched, which is slower but never wrong.
 */
export function readHydration(elementId = "mizan-hydration"): Hydration | null {
  if (typeof document === "undefined") return null;
  const text = document.getElementById(elementId)?.textContent;
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.version !== 1) return null;
  const contexts = value.contexts;
  if (!isRecord(contexts)) return null;
  const global = contexts.global;
  return { version: 1, contexts: isRecord(global) ? { global } : {} };
}

export interface MizanRootProps {
  /** Where `mizan_django.urls` is included. Default `/api/mizan`. */
  baseUrl?: string | undefined;
  wsUrl?: string | undefined;
  token?: TokenSource | undefined;
  /** Use this client instead of building one from `baseUrl`/`wsUrl`/`token`. */
  client?: MizanClient | undefined;
  /**
   * The hydration document to start from, in the shape the template tag
   * renders. Default: the page's `#mizan-hydration` script, read once;
   * `null`: start with nothing (every global value is fetched).
   */
  hydration?: Hydration | null | undefined;
  /**
   * Subscribe over the multiplexed socket to what is mounted, so changes made
   * by other users and processes re-fetch it (docs/protocol.md, "Live
   * invalidation"). Default `true`; `false` keeps the page to its own calls.
   */
  live?: boolean | undefined;
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
  const client = useMemo(() => given ?? new MizanClient({ baseUrl, wsUrl, token }), [given, baseUrl, wsUrl, token]);
  const root = useMemo<Root>(
    () => {
      const page = hydration === undefined ? readHydration() : hydration;
      return { client, live, globals: new ContextStore(client, "global", globals, {}, page?.contexts.global ?? {}) };
    },
    // The hydration is read once per client: later prop changes are not a reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, live],
  );
  useEffect(() => root.globals.listen(), [root]);
  useEffect(() => (live ? root.globals.live() : undefined), [root, live]);
  useEffect(() => {
    if (!socket && !live) return undefined;
    client.connect();
    // A client passed in is the caller's to close; one built here is closed here.
    return given ? undefined : () => client.close();
  }, [client, given, socket, live]);
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
export function useContextValue<R>(spec: ContextSpec, name: string, hook: string, provider: string): QueryResult<R> {
  const store = useContext(spec.store);
  if (!store) throw new Error(`${hook}() must be used inside <${provider}>`);
  return useEntry(store, name) as QueryResult<R>;
}

/** Generic provider of a named context: fetches its functions for `params`, re-fetches on invalidation. */
export function ContextProvider(props: { spec: ContextSpec; params: Record<string, unknown>; children?: ReactNode }): ReactElement {
  const { spec, params, children } = props;
  const client = useMizanClient();
  const live = useContext(RootContext)?.live ?? false;
  const key = JSON.stringify(params, Object.keys(params).sort());
  // A new store per distinct props: the values of cart 1 are not those of cart 2.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const store = useMemo(() => new ContextStore(client, spec.name, spec.members, params), [client, spec, key]);
  useEffect(() => {
    const stop = store.listen();
    for (const member of spec.members) store.ensure(member.name);
    return stop;
  }, [store, spec]);
  useEffect(() => (live ? store.live() : undefined), [store, live]);
  return createElement(spec.store.Provider, { value: store }, children);
}

export function useMutation<P extends unknown[], R>(run: (client: MizanClient, ...args: P) => Promise<R>): MutationResult<P, R> {
  const client = useMizanClient();
  const [state, setState] = useState<{ data: R | undefined; error: MizanError | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: false,
  });
  const runRef = useRef(run);
  runRef.current = run;
  const mutate = useCallback(
    async (...args: P): Promise<R> => {
      setState((s) => ({ ...s, loading: true }));
      try {
        const data = await runRef.current(client, ...args);
        setState({ data, error: undefined, loading: false });
        return data;
      } catch (error) {
        const failure = error instanceof MizanError ? error : new MizanError("internal_error", String(error), 0);
        setState((s) => ({ data: s.data, error: failure, loading: false }));
        throw failure;
      }
    },
    [client],
  );
  return { mutate, ...state };
}

/** Subscribe to a channel while mounted; messages accumulate in arrival order. */
export function useChannel<S, C>(name: string, params: object, options: ChannelOptions = {}): ChannelResult<S, C> {
  const fallback = useMizanClient();
  const client = options.client ?? fallback;
  const [messages, setMessages] = useState<S[]>([]);
  const [status, setStatus] = useState<ChannelStatus>("connecting");
  const [error, setError] = useState<MizanError | undefined>(undefined);
  const connection = useRef<ChannelConnection<S, C> | null>(null);
  const key = JSON.stringify(params);
  useEffect(() => {
    setMessages([]);
    const url = client.socketUrl(`/channel/${name}`, { params: key });
    const conn = new ChannelConnection<S, C>(
      url,
      client.webSocketClass(),
      {
        message: (data) => setMessages((list) => [...list, data]),
        status: (next, failure) => {
          setStatus(next);
          setError(failure);
        },
      },
      options.backoffMs,
      options.maxBackoffMs,
    );
    connection.current = conn;
    return () => {
      conn.close();
      if (connection.current === conn) connection.current = null;
    };
  }, [client, name, key, options.backoffMs, options.maxBackoffMs]);
  const send = useCallback((message: C) => connection.current?.send(message), []);
  return { messages, send, status, error };
}
