import { useSyncExternalStore } from 'react';

/** A small history router: the app has a handful of routes and needs nothing more. */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(path: string): void {
  if (path === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export type Route =
  | { name: 'calendar' }
  | { name: 'newPost'; date?: string }
  | { name: 'post'; id: string }
  | { name: 'queue' }
  | { name: 'review'; id: string }
  | { name: 'feeds' }
  | { name: 'channels' }
  | { name: 'account' }
  | { name: 'security' }
  | { name: 'notFound' };

export function matchRoute(path: string): Route {
  if (path === '/' || path === '/calendar') return { name: 'calendar' };
  if (path === '/posts/new') {
    return { name: 'newPost', date: new URLSearchParams(window.location.search).get('date') ?? undefined };
  }
  const post = /^\/posts\/([0-9a-f-]{36})$/.exec(path);
  if (post) return { name: 'post', id: post[1] };
  if (path === '/review') return { name: 'queue' };
  const review = /^\/review\/([0-9a-f-]{36})$/.exec(path);
  if (review) return { name: 'review', id: review[1] };
  // Not /feeds: that prefix belongs to the iCalendar feeds themselves.
  if (path === '/calendar-feeds') return { name: 'feeds' };
  if (path === '/channels') return { name: 'channels' };
  if (path === '/account') return { name: 'account' };
  if (path === '/security') return { name: 'security' };
  return { name: 'notFound' };
}
