// Consumer of tests/projects/async_refused: only the plain `def` is served;
// the `async def` functions the runtime refuses have no call and no hook.
import { MizanContext, TotalsProvider, fetchTotal, useTotal } from "../build/async_refused/api";
// @ts-expect-error an `async def` @client function is in neither IR
import { callTotalLater } from "../build/async_refused/api";
// @ts-expect-error nor is an async generator
import { useTotalsStream } from "../build/async_refused/api";

function Total(): JSX.Element {
  const total = useTotal();
  // @ts-expect-error the value is a number
  const text: string | undefined = total.data;
  return <p>{total.data ?? text}</p>;
}

export async function read(): Promise<unknown[]> {
  return [await fetchTotal(), callTotalLater, useTotalsStream];
}

export function App(): JSX.Element {
  return <MizanContext><TotalsProvider><Total /></TotalsProvider></MizanContext>;
}
