import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Evaluation, type Finding } from '../../api/client';
import { contentOf, type PostForm, scheduledAtOf } from './post-form';

/** The form as it stands, once typing pauses for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The stateless check of what is being typed, in the member's language. */
export function useLiveCheck(ws: string, form: PostForm) {
  const { i18n } = useTranslation();
  const debounced = useDebounced(form, 250);
  const ready =
    debounced.brandId !== '' &&
    debounced.body.trim() !== '' &&
    debounced.channels.length > 0 &&
    debounced.jurisdictions.length > 0;
  return useQuery({
    queryKey: ['check', ws, i18n.language, debounced],
    enabled: ready,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    queryFn: ({ signal }) =>
      call(
        api.POST('/api/v1/workspaces/{workspaceId}/compliance/check', {
          params: { path: { workspaceId: ws }, query: { lang: i18n.language as 'en' } },
          body: { ...contentOf(debounced, true), scheduledAt: scheduledAtOf(debounced) },
          signal,
        }),
      ),
  });
}

const SEVERITY_ORDER = ['block', 'fix', 'approval', 'info'];

function FindingItem({
  finding,
  onApply,
}: {
  finding: Finding;
  onApply?: (fix: { append?: string; prepend?: string }) => void;
}) {
  const { t } = useTranslation();
  const fix = finding.fix ?? undefined;
  return (
    <li className={`finding severity-${finding.severity}`} data-rule={finding.ruleId}>
      <div className="finding-head">
        <span className={`badge severity-${finding.severity}`}>{t(`severity.${finding.severity}`)}</span>
        {finding.channel && <span className="badge neutral">{finding.channel}</span>}
      </div>
      <p className="finding-message">{finding.message}</p>
      {finding.evidence && <q className="evidence">{finding.evidence.text}</q>}
      <p className="citation">
        {finding.citation.url ? (
          <a href={finding.citation.url} target="_blank" rel="noreferrer">
            {finding.citation.source}
          </a>
        ) : (
          finding.citation.source
        )}
      </p>
      {fix && (fix.append || fix.prepend) && (
        <div className="fix">
          <p className="fix-text">
            <span className="muted small">{fix.prepend ? t('findings.prepend') : t('findings.append')}</span>{' '}
            {fix.prepend ?? fix.append}
          </p>
          {onApply && (
            <button type="button" className="btn small primary" onClick={() => onApply(fix)}>
              {t('findings.apply')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

export function FindingsPanel({
  evaluation,
  checking,
  onApply,
  title,
}: {
  evaluation?: Evaluation;
  checking: boolean;
  onApply?: (fix: { append?: string; prepend?: string }) => void;
  title?: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="card findings" aria-labelledby="findings-title" aria-busy={checking}>
      <div className="card-head">
        <h2 id="findings-title">{title ?? t('findings.title')}</h2>
        {evaluation && (
          <span className={`badge verdict-${evaluation.verdict}`}>{t(`verdict.${evaluation.verdict}`)}</span>
        )}
      </div>
      {!evaluation && <p className="muted small">{t('findings.idle')}</p>}
      <div aria-live="polite">
        {evaluation?.jurisdictions.map((j) => {
          // The platform pack (channel limits) only earns a heading when it has something to say.
          if (j.jurisdiction === 'PLATFORM' && j.findings.length === 0) return null;
          const findings = [...j.findings]
            .filter((f) => f.severity !== 'info' || f.kind !== 'retention')
            .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
          return (
            <div key={j.jurisdiction} className="jurisdiction-group">
              <h3>
                {j.jurisdiction} <span className={`badge verdict-${j.verdict}`}>{t(`verdict.${j.verdict}`)}</span>
              </h3>
              {findings.length === 0 ? (
                <p className="muted small">{t('findings.none')}</p>
              ) : (
                <ul className="finding-list">
                  {findings.map((f, i) => (
                    <FindingItem key={`${f.ruleId}-${f.channel ?? ''}-${i}`} finding={f} onApply={onApply} />
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
      {evaluation && evaluation.requiredStages.length > 0 && (
        <div className="stages-preview">
          <h3>{t('findings.stages')}</h3>
          <ol>
            {evaluation.requiredStages.map((s) => (
              <li key={s.stage}>
                {t(`stage.${s.stage}`, { defaultValue: s.stage })} · {t(`role.${s.role}`, { defaultValue: s.role })}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
