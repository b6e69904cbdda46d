/*
 * The TanStack Query (v5) adapter of the runtime: the app's `QueryClient`
 * holds the values, and this file gives it what Mizan knows.
 *
 * - query keys: a context function's value is `["mizan", <context>,
 *   <function>, <args>]` (so `["mizan", "cart"]` is the prefix of the whole
 *   `cart` context), a plain read's `["mizan", <function>, <args>]`; `args`
 *   keeps the wire names, `undefined` dropped;
 * - invalidation: every entry on the kernel's bus (from this page's answers
 *   and from the server's live pushes) invalidates exactly the queries it
 *   names: `kind: "context"` the queries of that context, `kind: "function"`
 *   those of that function, in both cases only where the scope agrees with
 *   the query's arguments. TanStack then re-fetches the active ones and
 *   marks the rest stale;
 * - live: while a context query has observers, the root subscribes to it
 *   over the multiplexed socket, so other users' changes arrive as pushes;
 *   after a reconnect every context query is invalidated;
 * - hydration: the page's global values seed the cache before the first
 *   render (`seedQueryClient`).
 *
 * Forms and channels are the React adapter's hooks: they hold state TanStack
 * has no use for.
 */

import { Fragment, createElement, useEffect, useState } from "react";
import type { ReactElement, ReactNode } from "react";
import { QueryClientProvider, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  Query,
  QueryClient,
  QueryKeyWithDataTag,
  UnusedSkipTokenOptions,
  UseMutationOptions,
  UseMutationResult,
  UseQueryOptions,
  UseQueryResult,
} from "@tanstack/react-query";
import { asMizanError, entryKey, onInvalidate, rootHydration, scopeMatches } from "./kernel";
import type { Hydration, InvalidateEntry, MizanClient, MizanError, MizanRootOptions, Transport, TransportOptions } from "./kernel";
import { MizanRoot, useMizanClient } from "./kernel-react";

export { useMizanClient } from "./kernel-react";
export type { ChannelResult } from "./kernel-react";

/** The query key of a context function's value. */
export type MizanContextQueryKey = readonly ["mizan", string, string, Record<string, unknown>];
/** The query key of a plain read (a function that is neither a context nor a mutation). */
export type MizanCallQueryKey = readonly ["mizan", string, Record<string, unknown>];
export type MizanQueryKey = MizanContextQueryKey | MizanCallQueryKey;

/** What a generated `xxxQueryOptions()` returns: `queryOptions({ queryKey, queryFn, ... })`, key tagged with the value type. */
export type MizanQueryOptions<R, K extends MizanQueryKey = MizanQueryKey> =
  UnusedSkipTokenOptions<R, MizanError, R, K> & QueryKeyWithDataTag<K, R, MizanError>;

/** Options a generated query hook takes besides the key and the fetch (`enabled`, `staleTime`, ...). */
export type MizanQueryExtras<R> = Omit<UseQueryOptions<R, MizanError, R, MizanContextQueryKey>, "queryKey" | "queryFn">;

/** The client a generated `xxxQueryOptions()` fetches with. Default: `defaultClient()`. */
export interface QueryFactoryOptions {
  client?: MizanClient | undefined;
}

/** Options a generated mutation hook takes: TanStack's, without `mutationFn`. */
export type MizanMutationOptions<R, V, C = unknown> = Omit<UseMutationOptions<R, MizanError, V, C>, "mutationFn">;

function canonicalArgs(args: object | undefined): Record<string, unknown> {
  const record = (args ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    if (record[key] !== undefined) out[key] = record[key];
  }
  return out;
}

export function contextQueryKey(context: string, name: string, args?: object): MizanContextQueryKey {
  return ["mizan", context, name, canonicalArgs(args)];
}

export function callQueryKey(name: string, args?: object): MizanCallQueryKey {
  return ["mizan", name, canonicalArgs(args)];
}

// A 4xx answer will not change by asking again; a dropped connection or a 5xx may.
function retry(failures: number, error: MizanError): boolean {
  return failures < 3 && (error.status === 0 || error.status >= 500);
}

// When each context query's latest fetch began (its `queryFn` ran): a retried
// or restarted fetch counts, which TanStack's own state does not tell.
const fetchStarted = new WeakMap<Query, number>();

function noteFetch(queryClient: QueryClient, key: MizanContextQueryKey): void {
  const query = queryClient.getQueryCache().find({ queryKey: key, exact: true });
  if (query) fetchStarted.set(query, Date.now());
}

/**
 * `queryOptions` of a context function: a GET, never sharing one in flight
 * (TanStack already runs one fetch per key, and the one in flight when an
 * invalidation comes may have read before the change). `staleTime` is
 * infinite: the server says when a value changed.
 */
export function contextQueryOptions<R>(key: MizanContextQueryKey, client: MizanClient): MizanQueryOptions<R, MizanContextQueryKey> {
  return {
    queryKey: key as QueryKeyWithDataTag<MizanContextQueryKey, R, MizanError>["queryKey"],
    queryFn: (context) => {
      noteFetch(context.client, key);
      return client.get<R>(key[2], key[3], { signal: context.signal, fresh: true }).catch((error: unknown) => {
        throw asMizanError(error);
      });
    },
    staleTime: Infinity,
    retry,
  };
}

/** `queryOptions` of a plain read: `run` is its generated call (a POST, or the socket for `websocket=True`). */
export function callQueryOptions<R>(key: MizanCallQueryKey, run: (signal: AbortSignal) => Promise<R>): MizanQueryOptions<R, MizanCallQueryKey> {
  return {
    queryKey: key as QueryKeyWithDataTag<MizanCallQueryKey, R, MizanError>["queryKey"],
    queryFn: ({ signal }) => run(signal).catch((error: unknown) => {
      throw asMizanError(error);
    }),
    staleTime: Infinity,
    retry,
  };
}

/** The hook behind a generated `useXxx(args)` of a context function. */
export function useContextQuery<R>(key: MizanContextQueryKey, extras?: MizanQueryExtras<R>): UseQueryResult<R, MizanError> {
  const client = useMizanClient();
  return useQuery<R, MizanError, R, MizanContextQueryKey>({ ...contextQueryOptions<R>(key, client), ...extras });
}

/** The hook behind a generated mutation `useXxx(options)`: `useMutation` over the function's call. */
export function useMizanMutation<R, V, C>(
  run: (client: MizanClient, variables: V, transport: Transport | undefined) => Promise<R>,
  options?: MizanMutationOptions<R, V, C> & TransportOptions,
): UseMutationResult<R, MizanError, V, C> {
  const client = useMizanClient();
  const { transport, ...rest } = options ?? {};
  return useMutation<R, MizanError, V, C>({
    ...rest,
    mutationFn: (variables) => run(client, variables, transport).catch((error: unknown) => {
      throw asMizanError(error);
    }),
  });
}

function isMizanKey(key: readonly unknown[]): key is MizanQueryKey {
  return key[0] === "mizan" && (key.length === 3 || key.length === 4) && typeof key[key.length - 1] === "object";
}

/**
 * True when `entry` invalidates the query under `key`. The scope is compared
 * on the arguments the key names: an argument the query left to its default
 * is not known here, so it never spares the query (an extra fetch, never a
 * stale value).
 */
export function invalidatesQuery(entry: InvalidateEntry, key: readonly unknown[]): boolean {
  if (!isMizanKey(key)) return false;
  const args = key[key.length - 1] as Record<string, unknown>;
  const name = key[key.length - 2] as string;
  if (entry.kind === "context" && (key.length !== 4 || key[1] !== entry.target)) return false;
  if (entry.kind === "function" && name !== entry.target) return false;
  const scope: Record<string, unknown> = {};
  for (const field of Object.keys(entry.scope)) {
    if (field in args) scope[field] = entry.scope[field];
  }
  return scopeMatches(scope, args);
}

/** Put the page's global values into `queryClient` (a value already cached is kept). */
export function seedQueryClient(queryClient: QueryClient, hydration: Hydration | null): void {
  for (const [name, value] of Object.entries(hydration?.contexts.global ?? {})) {
    const key = contextQueryKey("global", name);
    if (queryClient.getQueryData(key) === undefined) queryClient.setQueryData(key, value);
  }
}

// How far apart this page's answer and the server's push of the same change may arrive.
const ECHO_MS = 10_000;

/**
 * Turn the invalidation bus into `queryClient.invalidateQueries` on exactly
 * the matching keys, and (when `live`) subscribe over the socket to every
 * context query that has observers.
 *
 * A change this page made arrives twice, in either order: in the answer and
 * as the server's push. The second of such a pair (same entry, one answer
 * and one push, within seconds) leaves alone the queries whose fetch began
 * on the first, so the mutating page fetches once. Each event pairs at most
 * once, so a later push (another user's change) re-fetches again.
 */
export function useMizanInvalidation(queryClient: QueryClient, client: MizanClient, live = true): void {
  useEffect(() => {
    const cache = queryClient.getQueryCache();
    const unpaired = new Map<string, { pushed: boolean; at: number }>();
    const stopBus = onInvalidate((entry, pushed) => {
      const key = entryKey(entry);
      const now = Date.now();
      let matching = cache.findAll({ predicate: (q) => invalidatesQuery(entry, q.queryKey) });
      const first = unpaired.get(key);
      if (first && first.pushed !== pushed && now - first.at < ECHO_MS) {
        unpaired.delete(key);
        matching = matching.filter((q) => (fetchStarted.get(q) ?? -1) < first.at);
      } else {
        unpaired.set(key, { pushed, at: now });
      }
      const chosen = new Set(matching);
      if (chosen.size) void queryClient.invalidateQueries({ predicate: (q) => chosen.has(q) });
    });
    return stopBus;
  }, [queryClient]);

  useEffect(() => {
    if (!live) return undefined;
    const cache = queryClient.getQueryCache();
    const subscriptions = new Map<string, () => void>();
    const follow = (query: Query): void => {
      const key = query.queryKey;
      const watched = isMizanKey(key) && key.length === 4 && query.getObserversCount() > 0;
      const stop = subscriptions.get(query.queryHash);
      if (watched && !stop) {
        subscriptions.set(query.queryHash, client.subscribe({ function: key[2], args: key[3] }));
      } else if (!watched && stop) {
        stop();
        subscriptions.delete(query.queryHash);
      }
    };
    for (const query of cache.getAll()) follow(query);
    const stopCache = cache.subscribe((event) => {
      if (event.type === "observerAdded" || event.type === "observerRemoved") follow(event.query);
      else if (event.type === "removed") {
        subscriptions.get(event.query.queryHash)?.();
        subscriptions.delete(event.query.queryHash);
      }
    });
    // Pushes sent while the socket was down are lost: whatever is shown may be stale.
    const stopReconnect = client.onReconnect(() => {
      void queryClient.invalidateQueries({ predicate: (q) => isMizanKey(q.queryKey) && q.queryKey.length === 4 });
    });
    return () => {
      stopReconnect();
      stopCache();
      for (const stop of subscriptions.values()) stop();
      subscriptions.clear();
    };
  }, [queryClient, client, live]);
}

export interface MizanQueryRootProps extends MizanRootOptions {
  /**
   * The `QueryClient` to drive, also provided to the children (no
   * `QueryClientProvider` needed then). Default: the enclosing provider's.
   */
  queryClient?: QueryClient | undefined;
  children?: ReactNode | undefined;
}

function Bridge(props: { queryClient: QueryClient | undefined; hydration: Hydration | null | undefined; live: boolean; children?: ReactNode }): ReactElement {
  const queryClient = useQueryClient(props.queryClient);
  const client = useMizanClient();
  // Seeded during the first render, before any child reads the cache.
  useState(() => seedQueryClient(queryClient, rootHydration(props)));
  useMizanInvalidation(queryClient, client, props.live);
  return createElement(Fragment, null, props.children);
}

/**
 * Generic root inside the app's `QueryClientProvider`; the generated
 * `MizanQueryProvider` passes `socket` when the project has `websocket=True`
 * functions. Children also get the Mizan client (`useMizanClient()`), which
 * forms and channels use.
 */
export function MizanQueryRoot(props: MizanQueryRootProps & { socket: boolean }): ReactElement {
  const { queryClient, hydration, children, ...root } = props;
  const live = props.live ?? true;
  const bridge = createElement(Bridge, { queryClient, hydration, live }, children);
  return createElement(MizanRoot, { ...root, hydration: null, globals: [] },
    queryClient ? createElement(QueryClientProvider, { client: queryClient }, bridge) : bridge);
}
