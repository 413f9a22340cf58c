import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { Redline } from '../../components/Redline';

/** Every revision of a post, with a redline between any two of them. */
export function Revisions({ ws, postId, current }: { ws: string; postId: string; current: number }) {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(Math.max(1, current - 1));
  const [to, setTo] = useState(current);
  const revisions = useQuery({
    queryKey: ['revisions', ws, postId, current],
    queryFn: () =>
      call(
        api.GET('/api/v1/workspaces/{workspaceId}/posts/{id}/revisions', {
          params: { path: { workspaceId: ws, id: postId } },
        }),
      ),
  });
  const diff = useQuery({
    queryKey: ['diff', ws, postId, from, to],
    enabled: from !== to,
    queryFn: () =>
      call(
        api.GET('/api/v1/workspaces/{workspaceId}/posts/{id}/revisions/{n}/diff', {
          params: { path: { workspaceId: ws, id: postId, n: to }, query: { against: from } },
        }),
      ),
  });
  if (current < 2) return null;
  const numbers = (revisions.data ?? []).map((r) => r.number);
  const when = (n: number) => {
    const r = revisions.data?.find((x) => x.number === n);
    return r ? new Date(r.createdAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) : '';
  };
  return (
    <section className="card" aria-labelledby="revisions-title">
      <div className="card-head">
        <h2 id="revisions-title">{t('revisions.title')}</h2>
        <div className="inline-fields">
          <label className="compact-field">
            <span>{t('revisions.from')}</span>
            <select value={from} onChange={(e) => setFrom(Number(e.target.value))}>
              {numbers.map((n) => (
                <option key={n} value={n}>
                  {t('revisions.number', { n })} · {when(n)}
                </option>
              ))}
            </select>
          </label>
          <label className="compact-field">
            <span>{t('revisions.to')}</span>
            <select value={to} onChange={(e) => setTo(Number(e.target.value))}>
              {numbers.map((n) => (
                <option key={n} value={n}>
                  {t('revisions.number', { n })} · {when(n)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {from === to ? (
        <p className="muted small">{t('revisions.same')}</p>
      ) : diff.data ? (
        <Redline redline={diff.data} />
      ) : null}
    </section>
  );
}
