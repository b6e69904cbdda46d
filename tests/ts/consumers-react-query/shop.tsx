// Hand-written consumer of the demo shop's react-query client: an app that
// owns its QueryClient uses every factory and hook; each `@ts-expect-error`
// line must be a compile error (TS2578 otherwise).
import { QueryClient, QueryClientProvider, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import type { UseQueryResult } from "@tanstack/react-query";
import {
  MizanClient,
  MizanQueryProvider,
  cartQueryKey,
  cartQueryOptions,
  currentUserQueryOptions,
  productsQueryOptions,
  seedQueryClient,
  readHydration,
  useAddItem,
  useCart,
  useCartSummary,
  useChatChannel,
  useContactForm,
  useCurrentUser,
  useLiveStock,
  useMizanClient,
  useProducts,
  usePurgeCarts,
  vipOffersQueryOptions,
} from "../build-react-query/shop/api";
import type { CartOut, MizanError, ProductOut, UserOut } from "../build-react-query/shop/api";

export async function outsideReact(queryClient: QueryClient, client: MizanClient): Promise<number> {
  seedQueryClient(queryClient, readHydration());
  const cart: CartOut = await queryClient.fetchQuery(cartQueryOptions({ cart_id: 1 }, { client }));
  const cached: CartOut | undefined = queryClient.getQueryData(cartQueryOptions({ cart_id: 1 }).queryKey);
  const user: UserOut = await queryClient.ensureQueryData(currentUserQueryOptions());
  const products: ProductOut[] = await queryClient.fetchQuery(productsQueryOptions({ kind: "digital" }));
  await queryClient.prefetchQuery(vipOffersQueryOptions());
  await queryClient.invalidateQueries({ queryKey: cartQueryKey({ cart_id: 1 }) });
  // @ts-expect-error wrong argument type
  cartQueryOptions({ cart_id: "1" });
  // @ts-expect-error arguments are required
  cartQueryKey();
  // @ts-expect-error the global context takes no arguments
  currentUserQueryOptions({ cart_id: 1 });
  return cart.lines.length + (cached?.lines.length ?? 0) + user.username.length + products.length;
}

function Cart({ id }: { id: number }): JSX.Element {
  const cart: UseQueryResult<CartOut, MizanError> = useCart({ cart_id: id });
  const summary = useCartSummary({ cart_id: id }, { enabled: cart.isSuccess });
  const user = useCurrentUser();
  const direct = useQuery(cartQueryOptions({ cart_id: id }, { client: useMizanClient() }));
  const suspended = useSuspenseQuery(vipOffersQueryOptions());
  const addItem = useAddItem({ onSuccess: (out: CartOut) => out.lines.length });
  const purge = usePurgeCarts();
  const products = useProducts();
  const stock = useLiveStock({ transport: "http" });
  const optimistic = useAddItem<{ before: number }>({ onMutate: () => ({ before: 1 }) });
  const form = useContactForm({ topic: "order" });
  const chat = useChatChannel({ room: "lobby" });
  // @ts-expect-error wrong argument name
  useCart({ cartid: id });
  // @ts-expect-error a mutation's variables are typed
  addItem.mutate({ cart_id: id });
  // @ts-expect-error add_item's arguments have no defaults: mutate needs them
  addItem.mutate();
  // @ts-expect-error a channel sends its typed message
  chat.send({ body: "hi" });
  const error: MizanError | null = cart.error;
  return (
    <button
      onClick={() => {
        addItem.mutate({ cart_id: id, sku: "tea" });
        purge.mutate();
        products.mutate(); // every argument of products has a default
        products.mutate({ kind: "digital" });
        stock.mutate({ sku: "tea" });
        optimistic.mutate({ cart_id: id, sku: "tea" });
        chat.send({ text: "hello" });
        void form.submit();
      }}
    >
      {cart.data?.lines.length} {summary.data?.cart_id} {user.data?.username} {direct.data?.cart_id}
      {suspended.data.length} {error?.code} {form.errors.name?.[0]} {chat.messages.length}
    </button>
  );
}

export function App(): JSX.Element {
  const queryClient = new QueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <MizanQueryProvider baseUrl="/api/mizan" live={false}>
        <Cart id={1} />
      </MizanQueryProvider>
    </QueryClientProvider>
  );
}
