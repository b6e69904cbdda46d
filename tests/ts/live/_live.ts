// Shared by the live suites: the server tests/codegen/test_live.py started,
// and a client of it (bearer "bob") that records every HTTP request it makes.
import { MizanClient } from "../build/shop/api";

export const HTTP = process.env.MIZAN_LIVE_HTTP ?? "";
export const TOKEN = process.env.MIZAN_LIVE_TOKEN ?? "";
if (!HTTP || !TOKEN) throw new Error("run through tests/codegen/test_live.py (MIZAN_LIVE_HTTP, MIZAN_LIVE_TOKEN)");

/**
 * A client of the live server; pushes `"<METHOD> /call/<name>[?query]"` to
 * `requests` for every fetch. Without `WebSocket` it uses the global one
 * (jsdom's), as an application would.
 */
export function liveClient(requests: string[], WebSocket?: typeof globalThis.WebSocket): MizanClient {
  return new MizanClient({
    baseUrl: `${HTTP}/api/mizan`,
    // the page's own origin (jsdom runs at localhost): a socket must come from its host
    wsUrl: `${HTTP.replace("http", "ws").replace("127.0.0.1", "localhost")}/ws/mizan`,
    token: TOKEN,
    WebSocket,
    fetch: (input, init) => {
      requests.push(`${init?.method ?? "GET"} ${String(input).replace(`${HTTP}/api/mizan`, "")}`);
      return fetch(input, init);
    },
  });
}
