import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Post } from '../../api/client';
import { pendingApi } from '../../api/pending';
import { Dialog } from '../../components/Dialog';

export interface PendingMove {
  post: Post;
  scheduledAt: string;
  /** A backlog drop names a day and time in the post's own zone. */
  localDay?: boolean;
  reasons: { code: string; message: string }[];
  revert: () => void;
}

type Move = Omit<PendingMove, 'reasons'>;

function body(move: Move, preview: boolean) {
  return { scheduledAt: move.scheduledAt, timezone: move.post.timezone, preview };
}

/**
 * Rescheduling through the API: a preview first; when it says the approvals would be void the
 * dialog asks before anything changes, otherwise the move is made at once.
 */
export function useReschedule(ws: string, setPending: (p: PendingMove | null) => void) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const done = async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: ['calendar'] }), queryClient.invalidateQueries({ queryKey: ['backlog'] })]);
  };
  const apply = async (move: Move) => {
    try {
      await pendingApi.reschedule(ws, move.post.id, body(move, false));
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
        const preview = await pendingApi.reschedule(ws, move.post.id, body(move, true));
        if (preview.approvalsKept) return apply(move);
        setPending({ ...move, reasons: preview.reasons });
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

export function RescheduleDialog({ pending, onConfirm, onCancel }: { pending: PendingMove | null; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={pending !== null}
      title={t('reschedule.title')}
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="btn ghost" onClick={onCancel}>
            {t('reschedule.keep')}
          </button>
          <button type="button" className="btn danger" onClick={onConfirm}>
            {t('reschedule.confirm')}
          </button>
        </>
      }
    >
      <p>{t('reschedule.voidWarning', { title: pending?.post.title ?? '' })}</p>
      <ul className="reasons">
        {pending?.reasons.map((r) => (
          <li key={r.code}>{r.message}</li>
        ))}
      </ul>
    </Dialog>
  );
}
