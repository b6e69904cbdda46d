// Consumer of tests/projects/wire_types: dataclasses, TypedDicts and timedelta seen from TypeScript.
import {
  CheckProvider, MizanContext, callTail, callWindow, useDowntimes, useSpelled, useTail,
  useUpdateCheck, useWindow,
} from "../build/wire_types/api";
import type { CheckDict, CheckUpdate, Conf, Downtime, Outage, Window } from "../build/wire_types/api";

export async function records(): Promise<string> {
  // A TypedDict's keys that are not required may be left out, both ways.
  const w: Window = await callWindow({ w: { start: "2024-01-01T00:00:00Z" } });
  const length: string | undefined = w.length;
  // @ts-expect-error a key that is not required may be absent in a response too
  const sure: string = w.label;
  // @ts-expect-error a Required[...] key of a total=False TypedDict is required
  await callWindow({ w: { length: "PT1H" } });
  const conf: Conf = await callTail({ channel: 1, limit: 2 });
  // @ts-expect-error a timedelta is an ISO 8601 duration string, not seconds
  const seconds: number = conf.retention;
  return `${length ?? sure}${seconds}`;
}

function Downtimes(): JSX.Element {
  const downtimes = useDowntimes();
  const first: Downtime | Outage | undefined = downtimes.data?.[0];
  // A dataclass's fields are always sent, defaults included.
  const notes: string[] = first?.notes ?? [];
  return <p>{first?.duration} {first?.count} {notes.length}</p>;
}

function Everything(): JSX.Element {
  const spelled = useSpelled();
  const tail = useTail();
  const update = useUpdateCheck();
  const window = useWindow();
  const changes: CheckUpdate = { name: "api", status: "up" };
  void update.mutate({ name: "api", changes }).then((c: CheckDict) => c.tags?.length);
  void update.mutate({ name: "api", changes: { name: "api", status: "down", grace: "PT5M", tags: [] } });
  // @ts-expect-error status is one of the Literal's values
  void update.mutate({ name: "api", changes: { name: "api", status: "late" } });
  void spelled.mutate({ when: "2024-01-01T00:00:00Z", a: "PT1S", b: "P1D", d: "2024-01-01" }).then((d) => d[0]);
  void tail.mutate({ channel: 1, limit: 5 });
  void window.mutate({ w: { start: "2024-01-01T00:00:00Z", label: "x" } });
  return <CheckProvider name="api"><Downtimes /></CheckProvider>;
}

export function App(): JSX.Element {
  return <MizanContext><Everything /></MizanContext>;
}
