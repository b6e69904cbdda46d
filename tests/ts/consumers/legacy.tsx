// Consumer of tests/projects/legacy (the original `mizan.client` paths).
import { MizanContext, callLegacyTouch, useLegacyTouch, useLegacyUser } from "../build/legacy/api";

function Everything(): JSX.Element {
  const user = useLegacyUser();
  const touch = useLegacyTouch();
  void touch.mutate();
  // @ts-expect-error a function without parameters takes none
  void touch.mutate({ now: true });
  // @ts-expect-error a global context hook takes no arguments
  useLegacyUser({ id: 1 });
  // @ts-expect-error the result is null, not a string
  void callLegacyTouch().then((s: string) => s);
  return <p>{user.data}</p>;
}

export function App(): JSX.Element {
  return <MizanContext><Everything /></MizanContext>;
}
