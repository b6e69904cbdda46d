// Consumer of tests/projects/contexts: every provider and hook.
import {
  BoardProvider, ColumnProvider, MizanContext, fetchBoardStats, useBoard, useBoardStats, useColumn,
  useImportBoard, useLogout, useMe, useMoveCard, useRenameBoard, useTouchStats,
} from "../build/contexts/api";
import type { Board, Me } from "../build/contexts/api";

export async function reads(): Promise<Record<string, number>> {
  // @ts-expect-error wrong argument type
  await fetchBoardStats({ board_id: "1" });
  return fetchBoardStats({ board_id: 1, detailed: true });
}

function Inside(): JSX.Element {
  const board = useBoard();
  const stats = useBoardStats();
  const column = useColumn();
  const b: Board | undefined = board.data;
  return <p>{JSON.stringify([b, stats.data, column.data?.length])}</p>;
}

function Everything(): JSX.Element {
  const me = useMe();
  const who: Me | undefined = me.data;
  const imp = useImportBoard();
  const logout = useLogout();
  const move = useMoveCard();
  const rename = useRenameBoard();
  const touch = useTouchStats();
  void imp.mutate({ board_id: "b" });
  void logout.mutate();
  void move.mutate({ board_id: 1, column_id: 2, card_id: 3 });
  void rename.mutate({ board_id: 1, title: "t" });
  void touch.mutate({ board_id: 1, detailed: null });
  // @ts-expect-error wrong argument name
  void move.mutate({ board_id: 1, column_id: 2, card: 3 });
  // @ts-expect-error missing required argument
  void rename.mutate({ board_id: 1 });
  return (
    <BoardProvider board_id={1} detailed>
      <ColumnProvider board_id={1} column_id={2}>
        <Inside />
        {JSON.stringify(who)}
      </ColumnProvider>
      {/* @ts-expect-error a provider needs every required parameter */}
      <ColumnProvider board_id={1} />
    </BoardProvider>
  );
}

export function App(): JSX.Element {
  return <MizanContext baseUrl="/api/mizan"><Everything /></MizanContext>;
}
