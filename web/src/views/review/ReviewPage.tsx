import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call, type Evaluation } from '../../api/client';
import { Link } from '../../app/AppShell';
import { useSession } from '../../app/session';
import { Redline } from '../../components/Redline';
import { StatusBadge } from '../../components/StatusBadge';
import { FindingsPanel } from '../editor/FindingsPanel';
import { StageList } from '../editor/StageList';
import { decisionFor } from './decision-rules';

type Decision = 'approve' | 'request_changes' | 'reject';

export default function ReviewPage({ postId }: { postId: string }) {
  const { t, i18n } = useTranslation();
  const { workspace, session } = useSession();
  const queryClient = useQueryClient();
  const commentId = useId();
  const [comment, setComment] = useState('');
  const review = useQuery({
    queryKey: ['review', workspace.id, postId, i18n.language],
    queryFn: () =>
      call(
        api.GET('/api/v1/workspaces/{workspaceId}/posts/{id}/review', {
          params: { path: { workspaceId: workspace.id, id: postId } },
        }),
      ),
  });
  const decide = useMutation({
    mutationFn: ({ stage, decision }: { stage: string; decision: Decision }) =>
      call(
        api.POST('/api/v1/workspaces/{workspaceId}/posts/{id}/decisions', {
          params: { path: { workspaceId: workspace.id, id: postId } },
          body: { revision: review.data!.post.revision, stage, decision, comment: comment || undefined },
        }),
      ),
    onSuccess: async () => {
      setComment('');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['review'] }),
        queryClient.invalidateQueries({ queryKey: ['queue'] }),
      ]);
    },
  });

  if (review.isPending) return <div className="loading" aria-busy="true" />;
  if (review.isError) return <p className="error">{review.error.message}</p>;
  const { post, submission, changesSinceLastSeen, lastSeenRevision } = review.data;
  const allowed = decisionFor(post, session.user.id, workspace.roles);
  const disabledReason = 'reason' in allowed ? t(`review.why.${allowed.reason}`) : null;
  const stage = 'stage' in allowed ? allowed.stage.stage : '';
  const needsComment = (d: Decision) => d !== 'approve' && comment.trim() === '';
  const act = (decision: Decision) => decide.mutate({ stage, decision });
  const error = decide.error instanceof ApiError ? decide.error.body.message : null;

  return (
    <div className="review-page">
      <div className="page-head">
        <div>
          <p className="crumb">
            <Link to="/review">{t('queue.title')}</Link>
          </p>
          <h1>{post.title}</h1>
        </div>
        <div className="head-actions">
          <StatusBadge status={post.status} />
          <span className="muted small">{t('revisions.number', { n: post.revision })}</span>
        </div>
      </div>
      <div className="editor-layout">
        <div className="editor-main">
          <section className="card" aria-labelledby="redline-title">
            <h2 id="redline-title">
              {changesSinceLastSeen
                ? t('review.changesSince', { n: lastSeenRevision ?? changesSinceLastSeen.from })
                : t('review.content')}
            </h2>
            {changesSinceLastSeen ? (
              <Redline redline={changesSinceLastSeen} />
            ) : (
              <p className="post-body">{post.body}</p>
            )}
            <p className="muted small">
              {post.channels.join(', ')} · {post.jurisdictions.join(', ')}
              {post.scheduledAt &&
                ` · ${new Date(post.scheduledAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: post.timezone })} (${post.timezone})`}
            </p>
          </section>
          <section className="card" aria-labelledby="decide-title">
            <h2 id="decide-title">{t('review.decide')}</h2>
            <div className="field">
              <label htmlFor={commentId}>{t('review.comment')}</label>
              <textarea
                id={commentId}
                rows={3}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                disabled={!!disabledReason}
              />
            </div>
            {disabledReason && (
              <p className="notice" id="decision-why">
                {disabledReason}
              </p>
            )}
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <div className="button-row">
              <button
                type="button"
                className="btn primary"
                disabled={!!disabledReason || decide.isPending}
                aria-describedby={disabledReason ? 'decision-why' : undefined}
                onClick={() => act('approve')}
              >
                {t('review.approve')}
              </button>
              <button
                type="button"
                className="btn"
                disabled={!!disabledReason || decide.isPending || needsComment('request_changes')}
                aria-describedby={disabledReason ? 'decision-why' : undefined}
                onClick={() => act('request_changes')}
              >
                {t('review.requestChanges')}
              </button>
              <button
                type="button"
                className="btn danger"
                disabled={!!disabledReason || decide.isPending || needsComment('reject')}
                aria-describedby={disabledReason ? 'decision-why' : undefined}
                onClick={() => act('reject')}
              >
                {t('review.reject')}
              </button>
            </div>
            {!disabledReason && <p className="muted small">{t('review.commentHint')}</p>}
          </section>
          <section className="card" aria-labelledby="stages-title">
            <h2 id="stages-title">{t('review.stages')}</h2>
            <StageList stages={post.stages} names={{ [session.user.id]: session.user.name }} />
            {post.filings.length > 0 && (
              <ul className="filings">
                {post.filings.map((f, i) => (
                  <li key={i}>{JSON.stringify(f)}</li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <FindingsPanel
          title={t('review.findings')}
          evaluation={submission?.evaluation as Evaluation | undefined}
          checking={false}
        />
      </div>
    </div>
  );
}
