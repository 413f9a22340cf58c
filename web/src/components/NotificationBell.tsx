import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { navigate } from '../app/router';
import { useSession } from '../app/session';

/** How often the unread list is refreshed while the app is open. */
const REFRESH_MS = 60_000;

/** The bell in the top bar: unread count, and a list that opens the post and marks the notification read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.id;
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const unread = useQuery({
    queryKey: ['notifications', ws],
    queryFn: () =>
      call(
        api.GET('/api/v1/workspaces/{workspaceId}/notifications', {
          params: { path: { workspaceId: ws }, query: { unread: 'true', limit: 20 } },
        }),
      ),
    refetchInterval: REFRESH_MS,
  });
  const markRead = useMutation({
    mutationFn: (body: { ids?: string[]; all?: boolean }) =>
      call(
        api.POST('/api/v1/workspaces/{workspaceId}/notifications/read', {
          params: { path: { workspaceId: ws } },
          body,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications', ws] }),
  });
  const count = unread.data?.unreadCount ?? 0;
  return (
    <div className="bell">
      <button
        type="button"
        className="btn ghost"
        aria-expanded={open}
        aria-controls="bell-list"
        onClick={() => setOpen(!open)}
      >
        {/* An SVG, not the emoji: the bell glyph is missing from many system fonts. */}
        <svg
          className="bell-icon"
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="18"
          height="18"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        <span className="sr-only">{t('notifications.title')}</span>
        <span className={count > 0 ? 'bell-count' : 'sr-only'}>{count}</span>
        <span className="sr-only">{t('notifications.unread')}</span>
      </button>
      {open && (
        <div className="bell-panel card" id="bell-list" role="region" aria-label={t('notifications.title')}>
          {count === 0 ? (
            <p className="muted">{t('notifications.none')}</p>
          ) : (
            <>
              <ul className="bell-items">
                {unread.data?.items.map((n) => (
                  <li key={n.id}>
                    <button
                      type="button"
                      className="linklike"
                      onClick={() => {
                        markRead.mutate({ ids: [n.id] });
                        setOpen(false);
                        navigate(n.path);
                      }}
                    >
                      <strong>{n.subject}</strong>
                    </button>
                    <span className="muted">{n.body}</span>
                  </li>
                ))}
              </ul>
              <button type="button" className="btn" onClick={() => markRead.mutate({ all: true })}>
                {t('notifications.markAllRead')}
              </button>
            </>
          )}
          <button
            type="button"
            className="linklike"
            onClick={() => {
              setOpen(false);
              navigate('/account');
            }}
          >
            {t('notifications.settings')}
          </button>
        </div>
      )}
    </div>
  );
}
