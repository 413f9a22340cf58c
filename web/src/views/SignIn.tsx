import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../api/client';
import { signIn } from '../app/session';
import { type Language, LANGUAGES, setLanguage } from '../i18n';

export function SignIn() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => signIn(email, password),
    onSuccess: (session) => queryClient.setQueryData(['session'], session),
  });
  // Only a demo server (DEMO=true) answers; anywhere else the list stays hidden.
  const demo = useQuery({ queryKey: ['demo-logins'], retry: false, staleTime: Infinity, queryFn: () => call(api.GET('/api/v1/auth/demo-logins')) });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  const error = mutation.error instanceof ApiError && mutation.error.status === 401 ? t('signIn.wrong') : mutation.error ? mutation.error.message : null;
  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={onSubmit} aria-labelledby="signin-title">
        <div className="brand large">
          <span className="brand-mark" aria-hidden="true">
            ✓
          </span>
          Preclear
        </div>
        <h1 id="signin-title">{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.lead')}</p>
        <label className="field">
          <span>{t('signIn.email')}</span>
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn primary wide" disabled={mutation.isPending}>
          {t('signIn.submit')}
        </button>
        <a href="/forgot-password">{t('signIn.forgot')}</a>
        {demo.data && (
          <div className="demo-logins">
            <p className="muted">{t('signIn.demo', { password: demo.data.password })}</p>
            <ul>
              {demo.data.logins.map((login) => (
                <li key={login.email}>
                  <button
                    type="button"
                    className="linklike"
                    onClick={() => {
                      setEmail(login.email);
                      setPassword(demo.data.password);
                    }}
                  >
                    {login.name}
                  </button>{' '}
                  <span className="muted">· {login.roles.map((r) => t(`role.${r}`, { defaultValue: r })).join(', ')}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        <label className="compact-field signin-language">
          <span>{t('shell.language')}</span>
          <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </form>
    </main>
  );
}
