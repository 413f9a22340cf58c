import { useTranslation } from 'react-i18next';
import type { Redline as RedlineData } from '../api/client';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Insertions and deletions of the body, then the fields that changed. */
export function Redline({ redline }: { redline: RedlineData }) {
  const { t } = useTranslation();
  return (
    <div className="redline" aria-label={t('redline.label', { from: redline.from, to: redline.to })}>
      <p className="redline-body">
        {redline.body.map((s, i) =>
          s.op === 'insert' ? (
            <ins key={i}>{s.text}</ins>
          ) : s.op === 'delete' ? (
            <del key={i}>{s.text}</del>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
      </p>
      {redline.fields.length > 0 && (
        <table className="field-changes">
          <caption className="sr-only">{t('redline.fields')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('redline.field')}</th>
              <th scope="col">{t('redline.before')}</th>
              <th scope="col">{t('redline.after')}</th>
            </tr>
          </thead>
          <tbody>
            {redline.fields.map((f) => (
              <tr key={f.field}>
                <th scope="row">{f.field}</th>
                <td>
                  <del>{show(f.from)}</del>
                </td>
                <td>
                  <ins>{show(f.to)}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
