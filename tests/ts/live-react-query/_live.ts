// The server tests/codegen/test_react_query.py started, and clients of it
// (bearer "bob") from the react-query build, whose kernel (and invalidation
// bus) is not the React build's.
import { MizanClient } from "../build-react-query/shop/api";

export const HTTP = process.env.MIZAN_LIVE_HTTP ?? "";
export const TOKEN = process.env.MIZAN_LIVE_TOKEN ?? "";
if (!HTTP || !TOKEN) throw new Error("run through tests/codegen/test_react_query.py (MIZAN_LIVE_HTTP, MIZAN_LIVE_TOKEN)");

const API = `${HTTP}/api/mizan`;

/** Logs `"<METHOD> /call/<name>[?query]"` per request, then sends it. */
const logging = (log: string[]): typeof fetch => (input, init) => {
  log.push(`${init?.method ?? "GET"} ${String(input).slice(API.length)}`);
  return fetch(input, init);
};

/**
 * A client of the live server whose HTTP requests go to `log` and whose
 * sockets (jsdom's, from the page's host) go to `sockets`.
 */
export function recordingClient(log: string[], sockets: WebSocket[] = []): MizanClient {
  const wsUrl = new URL("/ws/mizan", HTTP.replace(/^http/, "ws"));
  wsUrl.hostname = "localhost";
  class Kept extends window.WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      sockets.push(this);
    }
  }
  return new MizanClient({ baseUrl: API, wsUrl: wsUrl.href, token: TOKEN, fetch: logging(log), WebSocket: Kept });
}
