import { useQuery } from '@tanstack/react-query';
import { api, call, type CalendarEntry } from '../../api/client';

export interface CalendarFilters {
  brandId: string;
  campaignId: string;
  jurisdiction: string;
  channel: string;
  status: string;
  author: string;
  mine: boolean;
}

export const NO_FILTERS: CalendarFilters = {
  brandId: '',
  campaignId: '',
  jurisdiction: '',
  channel: '',
  status: '',
  author: '',
  mine: false,
};

/** The calendar route's largest page: a busy month (thousands of posts) comes in one round trip. */
const CALENDAR_PAGE = 2500;

/**
 * Every post scheduled in [from, to) as the calendar shows it (the light projection, not whole
 * posts), following the cursor only past CALENDAR_PAGE posts. Every filter is applied by the server.
 */
export async function fetchRange(
  ws: string,
  from: string,
  to: string,
  filters: CalendarFilters,
  userId: string,
): Promise<CalendarEntry[]> {
  const out: CalendarEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(
      api.GET('/api/v1/workspaces/{workspaceId}/calendar/entries', {
        params: {
          path: { workspaceId: ws },
          query: {
            from,
            to,
            limit: CALENDAR_PAGE,
            cursor,
            jurisdiction: filters.jurisdiction || undefined,
            channel: (filters.channel || undefined) as never,
            status: (filters.status || undefined) as never,
            campaignId: filters.campaignId || undefined,
            brandId: filters.brandId || undefined,
            author: (filters.mine ? userId : filters.author) || undefined,
          },
        },
      }),
    );
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export function useBrands(ws: string) {
  return useQuery({
    queryKey: ['brands', ws],
    queryFn: () => call(api.GET('/api/v1/workspaces/{workspaceId}/brands', { params: { path: { workspaceId: ws } } })),
  });
}

export function useCampaigns(ws: string) {
  return useQuery({
    queryKey: ['campaigns', ws],
    queryFn: () =>
      call(api.GET('/api/v1/workspaces/{workspaceId}/campaigns', { params: { path: { workspaceId: ws } } })),
  });
}

export function useJurisdictions() {
  return useQuery({
    queryKey: ['jurisdictions'],
    staleTime: Infinity,
    queryFn: () => call(api.GET('/api/v1/jurisdictions')),
  });
}

/** The workspace's members (every member may read the list), for the author filter and author names. */
export function useMembers(ws: string) {
  return useQuery({
    queryKey: ['members', ws],
    staleTime: 60_000,
    queryFn: async () =>
      (await call(api.GET('/api/v1/workspaces/{workspaceId}/members', { params: { path: { workspaceId: ws } } })))
        .items,
  });
}

/** Unscheduled posts (the backlog), from the post list. */
export function useBacklog(ws: string) {
  return useQuery({
    queryKey: ['backlog', ws],
    queryFn: () =>
      call(
        api.GET('/api/v1/workspaces/{workspaceId}/posts', {
          params: { path: { workspaceId: ws }, query: { scheduled: false, sort: '-updatedAt', limit: 100 } },
        }),
      ),
  });
}
