import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../../api/client';

/**
 * Enrolment of the authenticator app: the otpauth URI and secret,
 * a code to confirm, then the recovery codes, shown once.
 */
export function SecondFactorSetup({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['second-factor'], queryFn: () => call(api.GET('/api/v1/auth/second-factor')) });
  const [code, setCode] = useState('');
  const begin = useMutation({ mutationFn: () => call(api.POST('/api/v1/auth/second-factor/enrolment')) });
  const confirm = useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/second-factor/enrolment/confirm', { body: { code } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['second-factor'] }),
  });
  const onConfirm = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate();
  };
  if (confirm.data) {
    return (
      <section className="card" aria-labelledby="recovery-title">
        <h2 id="recovery-title">{t('security.recoveryTitle')}</h2>
        <p>{t('security.recoveryLead')}</p>
        <ul className="recovery-codes" aria-label={t('security.recoveryTitle')}>
          {confirm.data.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        {onDone && (
          <button type="button" className="btn primary" onClick={onDone}>
            {t('security.continue')}
          </button>
        )}
      </section>
    );
  }
  if (status.data?.enrolled) {
    return (
      <section className="card">
        <h2>{t('security.factorTitle')}</h2>
        <p>{t('security.enrolled', { count: status.data.recoveryCodesLeft })}</p>
      </section>
    );
  }
  const wrong = confirm.error instanceof ApiError && confirm.error.status === 401;
  return (
    <section className="card" aria-labelledby="factor-title">
      <h2 id="factor-title">{t('security.factorTitle')}</h2>
      <p>{t('security.factorLead')}</p>
      {!begin.data ? (
        <button type="button" className="btn primary" onClick={() => begin.mutate()} disabled={begin.isPending}>
          {t('security.begin')}
        </button>
      ) : (
        <form onSubmit={onConfirm}>
          <p>{t('security.scan')}</p>
          <p>
            <code className="otpauth-uri" data-testid="otpauth-uri">
              {begin.data.otpauthUri}
            </code>
          </p>
          <p>
            {t('security.secret')} <code data-testid="totp-secret">{begin.data.secret}</code>
          </p>
          <label className="field">
            <span>{t('security.code')}</span>
            <input
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          {confirm.error && (
            <p className="error" role="alert">
              {wrong ? t('signIn.wrongCode') : confirm.error.message}
            </p>
          )}
          <button type="submit" className="btn primary" disabled={confirm.isPending}>
            {t('security.confirm')}
          </button>
        </form>
      )}
    </section>
  );
}
