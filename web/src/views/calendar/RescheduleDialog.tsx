import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Post, type Schemas } from '../../api/client';
import { Dialog } from '../../components/Dialog';

/** What a move needs to know of the post: a calendar entry or a backlog post will do. */
type MovedPost = Pick<Post, 'id' | 'title' | 'timezone'>;

export interface PendingMove {
  post: MovedPost;
  scheduledAt: string;
  /** A backlog drop names a day and time in the post's own zone. */
  localDay?: boolean;
  /** Whether the approvals hold at the new time (the dialog then only confirms the move). */
  approvalsKept: boolean;
  reasons: Schemas['RescheduleReasonDto'][];
  revert: () => void;
}

type Move = Omit<PendingMove, 'reasons' | 'approvalsKept'>;

/** A post that was never approved has nothing to lose: its only reason is NOT_APPROVED. */
function hasApprovals(reasons: Schemas['RescheduleReasonDto'][]): boolean {
  return !reasons.some((r) => r.code === 'NOT_APPROVED');
}

function reschedule(ws: string, move: Move, preview: boolean) {
  return call(
    api.POST('/api/v1/workspaces/{workspaceId}/posts/{id}/reschedule', {
      params: { path: { workspaceId: ws, id: move.post.id } },
      body: { scheduledAt: move.scheduledAt, timezone: move.post.timezone, preview },
    }),
  );
}

/**
 * Rescheduling through the API: a preview first. A post without approvals moves at once; for an
 * approved one the dialog says whether its approvals survive the move and asks before anything changes.
 */
export function useReschedule(ws: string, setPending: (p: PendingMove | null) => void) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const done = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['calendar'] }),
      queryClient.invalidateQueries({ queryKey: ['backlog'] }),
    ]);
  };
  const apply = async (move: Move) => {
    try {
      await reschedule(ws, move, false);
      setError(null);
    } catch (e) {
      move.revert();
      setError(t('calendar.rescheduleFailed', { message: (e as Error).message }));
    }
    await done();
  };
  return {
    error,
    start: async (move: Move) => {
      try {
        const preview = await reschedule(ws, move, true);
        if (!preview.approvalsKept && !hasApprovals(preview.reasons)) return apply(move);
        setPending({ ...move, approvalsKept: preview.approvalsKept, reasons: preview.reasons });
      } catch (e) {
        move.revert();
        setError(t('calendar.rescheduleFailed', { message: (e as Error).message }));
      }
    },
    confirm: async (move: PendingMove) => {
      setPending(null);
      await apply(move);
    },
  };
}

export function RescheduleDialog({
  pending,
  onConfirm,
  onCancel,
}: {
  pending: PendingMove | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const kept = pending?.approvalsKept ?? false;
  return (
    <Dialog
      open={pending !== null}
      title={kept ? t('reschedule.keptTitle') : t('reschedule.title')}
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="btn ghost" onClick={onCancel}>
            {t('reschedule.keep')}
          </button>
          <button type="button" className={kept ? 'btn' : 'btn danger'} onClick={onConfirm}>
            {kept ? t('reschedule.move') : t('reschedule.confirm')}
          </button>
        </>
      }
    >
      <p>{t(kept ? 'reschedule.keptText' : 'reschedule.voidWarning', { title: pending?.post.title ?? '' })}</p>
      <ul className="reasons">
        {pending?.reasons.map((r) => (
          <li key={r.code}>{r.message}</li>
        ))}
      </ul>
    </Dialog>
  );
}
