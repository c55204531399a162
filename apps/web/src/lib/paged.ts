import {
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  type QueryKey,
  useInfiniteQuery,
} from '@tanstack/react-query';
import { useMemo } from 'react';

/** One page of a keyset-paged list, as the API sends it. */
export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T, P> {
  /** True until the first page for the current key arrived (or failed). */
  loading: boolean;
  /** True while any page is being fetched (also while the previous key's rows are still shown). */
  fetching: boolean;
  /** Every row loaded so far, in order, each once (a row added while paging is kept where it first came). */
  items: readonly T[];
  /** The newest page received (totals and other page-wide figures). */
  lastPage: P | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  /** Why the first page failed. */
  error: unknown;
  /** Why "load more" failed (the rows already shown stay). */
  moreError: unknown;
  loadMore(): void;
}

/** A keyset-paged list whose "load more" appends the next page (TanStack's infinite query). */
export function usePagedList<T, P extends KeysetPage<T>>(options: {
  queryKey: QueryKey;
  fetchPage(cursor: string | undefined, signal: AbortSignal): Promise<P>;
  idOf(item: T): string;
  /** Keep showing the previous key's rows while a new key (other filters) loads. */
  keepPrevious?: boolean;
}): PagedList<T, P> {
  const { idOf } = options;
  const query = useInfiniteQuery({
    queryKey: options.queryKey,
    queryFn: ({ pageParam, signal }) => options.fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: P) => last.nextCursor ?? undefined,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = query;
  const items = useMemo(() => {
    const seen = new Set<string>();
    return (data?.pages ?? []).flatMap((page) =>
      page.items.filter((item) => {
        const id = idOf(item);
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      }),
    );
  }, [data, idOf]);
  const moreFailed = query.isFetchNextPageError;
  return {
    loading: query.isPending,
    fetching: query.isFetching,
    items,
    lastPage: data?.pages.at(-1),
    hasMore: hasNextPage,
    loadingMore: isFetchingNextPage,
    error: query.isError && !moreFailed ? query.error : null,
    moreError: moreFailed ? query.error : null,
    loadMore() {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
  };
}

/** Puts `row` in place of the row it replaces in every cached paged list under `queryKey`. */
export function replaceInPages<T, P extends KeysetPage<T>>(
  queryClient: QueryClient,
  queryKey: QueryKey,
  same: (item: T) => boolean,
  row: T,
): void {
  queryClient.setQueriesData<InfiniteData<P>>({ queryKey }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (same(item) ? row : item)),
          })),
        }
      : data,
  );
}
