import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { Link } from '../../app/AppShell';
import { useSession } from '../../app/session';
import { StatusBadge } from '../../components/StatusBadge';

const DUE_SOON_MS = 24 * 3600 * 1000;

/** The caller's open stages, earliest deadline first, overdue and due-soon marked. */
export default function ReviewQueue() {
  const { t, i18n } = useTranslation();
  const { workspace } = useSession();
  const queue = useQuery({
    queryKey: ['queue', workspace.id],
    queryFn: () =>
      call(
        api.GET('/api/v1/workspaces/{workspaceId}/review-queue', {
          params: { path: { workspaceId: workspace.id }, query: { limit: 200 } },
        }),
      ),
  });
  const now = Date.now();
  return (
    <div className="queue-page">
      <div className="page-head">
        <h1>{t('queue.title')}</h1>
      </div>
      <section className="card">
        {queue.data?.items.length === 0 && <p className="empty">{t('queue.empty')}</p>}
        {queue.data && queue.data.items.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('queue.post')}</th>
                <th scope="col">{t('queue.stage')}</th>
                <th scope="col">{t('queue.jurisdictions')}</th>
                <th scope="col">{t('queue.due')}</th>
                <th scope="col">{t('queue.status')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.data.items.map((item) => {
                const due = item.dueAt ? new Date(item.dueAt).getTime() : null;
                const soon = !item.overdue && due !== null && due - now < DUE_SOON_MS;
                return (
                  <tr key={item.stageId} className={item.overdue ? 'row-overdue' : soon ? 'row-soon' : ''}>
                    <td>
                      <Link to={`/review/${item.postId}`}>{item.title}</Link>
                      {item.changesSinceLastSeen && <span className="badge neutral">{t('queue.changed')}</span>}
                    </td>
                    <td>{t(`stage.${item.stage}`, { defaultValue: item.stage })}</td>
                    <td>{item.jurisdictions.join(', ')}</td>
                    <td>
                      {item.dueAt
                        ? new Date(item.dueAt).toLocaleString(i18n.language, {
                            dateStyle: 'medium',
                            timeStyle: 'short',
                          })
                        : '—'}{' '}
                      {item.overdue && <span className="badge overdue">{t('queue.overdue')}</span>}
                      {soon && <span className="badge soon">{t('queue.dueSoon')}</span>}
                    </td>
                    <td>
                      <StatusBadge status={item.postStatus} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
