import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../api/client';
import { Link } from '../app/AppShell';

/** The reset token travels in the URL fragment (never sent to a server or in a Referer); read once, then removed. */
function takeToken(): string {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  return token;
}

function errorText(error: Error | null): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return error.message;
  return [error.body.message, ...Object.values(error.fieldErrors())].join(' ');
}

/** "Forgot password?": asks for a link by e-mail; the answer is the same whether or not the address has an account. */
export function ForgotPassword() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/password-reset', { body: { email: email.trim() } })),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate();
  };
  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={onSubmit} aria-labelledby="forgot-title">
        <h1 id="forgot-title">{t('passwordReset.forgotTitle')}</h1>
        {request.isSuccess ? (
          <p role="status" className="notice success">
            {t('passwordReset.sent')}
          </p>
        ) : (
          <>
            <p className="muted">{t('passwordReset.forgotLead')}</p>
            <label className="field">
              <span>{t('signIn.email')}</span>
              <input
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </label>
            {request.error && (
              <p className="error" role="alert">
                {errorText(request.error)}
              </p>
            )}
            <button type="submit" className="btn primary wide" disabled={request.isPending}>
              {t('passwordReset.send')}
            </button>
          </>
        )}
        <Link to="/">{t('passwordReset.backToSignIn')}</Link>
      </form>
    </main>
  );
}

/** The page the e-mailed link opens: choose a new password; every session of the account ends. */
export function ResetPassword() {
  const { t } = useTranslation();
  const [token] = useState(takeToken);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const confirm = useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/password-reset/confirm', { body: { token, newPassword: password } })),
  });
  const mismatch = repeat !== '' && repeat !== password;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!mismatch) confirm.mutate();
  };
  const fields = confirm.error instanceof ApiError ? confirm.error.fieldErrors() : {};
  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={onSubmit} aria-labelledby="reset-title">
        <h1 id="reset-title">{t('passwordReset.resetTitle')}</h1>
        {confirm.isSuccess ? (
          <p role="status" className="notice success">
            {t('passwordReset.done')}
          </p>
        ) : !token ? (
          <p className="error" role="alert">
            {t('passwordReset.noToken')}
          </p>
        ) : (
          <>
            <p className="muted">{t('passwordReset.rules')}</p>
            <label className="field">
              <span>{t('passwordReset.newPassword')}</span>
              <input
                type="password"
                autoComplete="new-password"
                required
                minLength={12}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={fields.newPassword ? true : undefined}
              />
            </label>
            <label className="field">
              <span>{t('passwordReset.repeat')}</span>
              <input
                type="password"
                autoComplete="new-password"
                required
                value={repeat}
                onChange={(e) => setRepeat(e.target.value)}
                aria-invalid={mismatch ? true : undefined}
              />
            </label>
            {mismatch && (
              <p className="error" role="alert">
                {t('passwordReset.mismatch')}
              </p>
            )}
            {confirm.error && (
              <p className="error" role="alert">
                {errorText(confirm.error)}
              </p>
            )}
            <button type="submit" className="btn primary wide" disabled={confirm.isPending || mismatch}>
              {t('passwordReset.save')}
            </button>
          </>
        )}
        <Link to="/">{t('passwordReset.backToSignIn')}</Link>
      </form>
    </main>
  );
}
