import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';

type Stage = Schemas['ReviewStageDto'];

/** The chain of review stages: who must sign, by when, and who signed what. */
export function StageList({ stages, names = {} }: { stages: Stage[]; names?: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const when = (iso?: string | null) =>
    iso ? new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) : '';
  return (
    <ol className="stage-list">
      {[...stages]
        .sort((a, b) => a.position - b.position)
        .map((s) => (
          <li key={s.id} className={`stage stage-${s.status}`}>
            <div className="stage-head">
              <strong>{t(`stage.${s.stage}`, { defaultValue: s.stage })}</strong>
              <span className="muted small">{t(`role.${s.role}`, { defaultValue: s.role })}</span>
              <span className={`badge stage-status-${s.status}`}>
                {t(`stageStatus.${s.status}`, { defaultValue: s.status })}
              </span>
              {s.overdue && <span className="badge overdue">{t('queue.overdue')}</span>}
            </div>
            {s.dueAt && s.status === 'open' && <p className="muted small">{t('stage.due', { when: when(s.dueAt) })}</p>}
            {s.signature && (
              <p className="small">
                {t(`decision.${s.signature.decision}`)} · {names[s.signature.decidedBy] ?? s.signature.decidedBy} ·{' '}
                {when(s.signature.decidedAt)}
                {s.signature.comment && <q className="comment">{s.signature.comment}</q>}
              </p>
            )}
          </li>
        ))}
    </ol>
  );
}
