import { QueryClient } from '@tanstack/react-query';

/**
 * The host is local and pushes status changes itself: refetching on focus or retrying
 * a refused request would only hide what actually happened.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: Infinity },
      mutations: { retry: false },
    },
  });
}
