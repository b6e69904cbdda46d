// The server tests/codegen/test_vue.py started, and clients of it built from
// the Vue output's own kernel (its invalidation bus is the one the
// composables listen to).
import { MizanClient } from "../build-vue/shop/api";

export const HTTP = process.env.MIZAN_LIVE_HTTP ?? "";
export const TOKEN = process.env.MIZAN_LIVE_TOKEN ?? "";
if (!HTTP || !TOKEN) throw new Error("run through tests/codegen/test_vue.py (MIZAN_LIVE_HTTP, MIZAN_LIVE_TOKEN)");

const opened: MizanClient[] = [];

/**
 * A client authenticated as "bob"; each request is logged as
 * `"<METHOD> /call/<name>[?query]"`. Its sockets are `WebSocket`'s (jsdom's by default).
 */
export function bob(log: string[], WebSocket?: typeof globalThis.WebSocket): MizanClient {
  const api = `${HTTP}/api/mizan`;
  const client = new MizanClient({
    baseUrl: api,
    // jsdom's page is at localhost: a socket must come from the server's host name
    wsUrl: api.replace(/^http/, "ws").replace("127.0.0.1", "localhost").replace("/api/mizan", "/ws/mizan"),
    token: TOKEN,
    WebSocket,
    fetch: (input, init) => {
      log.push(`${init?.method ?? "GET"} ${String(input).slice(api.length)}`);
      return fetch(input, init);
    },
  });
  opened.push(client);
  return client;
}

export function closeClients(): void {
  for (const client of opened.splice(0)) client.close();
}
