import type { FindResult, LivePost } from '../channel-adapter';
import { compareContent, type ApprovedContent } from '../../domain/content-comparison';
import { lostCall } from './network-errors';
import type { NetworkHttp } from './network-http';

export interface ListedPage {
  /** Posts on this page that are the approved one. */
  posts: LivePost[];
  searched: number;
  next: string | null;
}

/**
 * Whether a post on the account is the approved one: the same wording (links inside it
 * compared by where they lead) and the same number of images. Links that a network turned
 * into a card or shortened still count, since wording and media already single the post out.
 */
export function matchesApproved(approved: ApprovedContent, live: LivePost): boolean {
  return compareContent(approved, { ...live, links: approved.links.length > 0 ? live.links : [] }).every(
    (d) => d.field === 'links',
  );
}

/**
 * Walks an account's recent posts, newest first, following the network's `next` links, until
 * one is the approved post or `maxPages` pages are read. Any page that cannot be read makes
 * the answer `unavailable`: absence is claimed only after actually looking.
 */
export async function findInPages(
  http: NetworkHttp,
  first: URL,
  maxPages: number,
  read: (body: unknown) => ListedPage,
): Promise<FindResult> {
  let url: URL | null = first;
  let searched = 0;
  for (let page = 0; url && page < maxPages; page++) {
    let status: number;
    let json: unknown;
    try {
      ({ status, json } = await http.call({ method: 'GET', url }));
    } catch (error) {
      return { kind: 'unavailable', error: lostCall(error).error };
    }
    if (status !== 200) return { kind: 'unavailable', error: `HTTP ${status}` };
    const listed = read(json);
    searched += listed.searched;
    if (listed.posts.length > 0) return { kind: 'found', post: listed.posts[0] };
    url = listed.next ? new URL(listed.next) : null;
  }
  return { kind: 'absent', searched };
}
