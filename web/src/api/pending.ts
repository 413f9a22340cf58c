/**
 * Routes agreed between the branches but not yet in this branch's OpenAPI document: the post
 * list, reschedule, delete and the member list. Once they are merged, `npm run web:api`
 * regenerates the client and these calls move to `api` in client.ts; the shapes below are
 * the agreed interfaces.
 */
import type { Post } from './client';
import { request } from './client';

export interface PostListQuery {
  status?: string;
  campaignId?: string;
  brandId?: string;
  jurisdiction?: string;
  channel?: string;
  author?: string;
  scheduled?: boolean;
  q?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
}

export type ListedPost = Post & { authorName?: string };

export interface RescheduleResult {
  post: Post;
  approvalsKept: boolean;
  reasons: { code: string; message: string }[];
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  roles: string[];
}

function query(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const pendingApi = {
  listPosts: (ws: string, params: PostListQuery) =>
    request<{ items: ListedPost[]; nextCursor: string | null }>('GET', `/api/v1/workspaces/${ws}/posts${query(params)}`),
  reschedule: (ws: string, postId: string, body: { scheduledAt: string; timezone?: string; preview?: boolean }) =>
    request<RescheduleResult>('POST', `/api/v1/workspaces/${ws}/posts/${postId}/reschedule`, body),
  deletePost: (ws: string, postId: string) => request<void>('DELETE', `/api/v1/workspaces/${ws}/posts/${postId}`),
  /** The member list is a bare array on main today and `{ items }` in the agreed interface; both are read. */
  members: async (ws: string): Promise<Member[]> => {
    const body = await request<Member[] | { items: Member[] }>('GET', `/api/v1/workspaces/${ws}/members`);
    return Array.isArray(body) ? body : body.items;
  },
};
