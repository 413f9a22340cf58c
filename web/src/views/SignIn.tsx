import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../api/client';
import { answerChallenge, signIn } from '../app/session';
import { type Language, LANGUAGES, setLanguage } from '../i18n';

export function SignIn() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const mutation = useMutation({
    mutationFn: async () => (challenge ? answerChallenge(challenge, code) : signIn(email, password)),
    onSuccess: (answer) => {
      if ('challengeToken' in answer) setChallenge(answer.challengeToken);
      else queryClient.setQueryData(['session'], answer);
    },
  });
  // The callback of single sign-on comes back here with a code when it refused the sign-in.
  const ssoError = new URLSearchParams(window.location.search).get('ssoError');
  const startSso = () => {
    window.location.assign(`/api/v1/auth/sso/start?${new URLSearchParams({ email }).toString()}`);
  };
  // Only a demo server (DEMO=true) answers; anywhere else the list stays hidden.
  const demo = useQuery({
    queryKey: ['demo-logins'],
    retry: false,
    staleTime: Infinity,
    queryFn: () => call(api.GET('/api/v1/auth/demo-logins')),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  const wrong = mutation.error instanceof ApiError && mutation.error.status === 401;
  const error = wrong
    ? t(challenge ? 'signIn.wrongCode' : 'signIn.wrong')
    : mutation.error
      ? mutation.error.message
      : ssoError
        ? t('signIn.ssoFailed', { code: ssoError })
        : null;
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
        {challenge ? (
          <label className="field">
            <span>{t('signIn.code')}</span>
            <input
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
        ) : (
          <>
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
            <label className="field">
              <span>{t('signIn.password')}</span>
              <input
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn primary wide" disabled={mutation.isPending}>
          {t(challenge ? 'signIn.verify' : 'signIn.submit')}
        </button>
        {!challenge && (
          <button type="button" className="btn wide" onClick={startSso} disabled={!email.includes('@')}>
            {t('signIn.sso')}
          </button>
        )}
        {!challenge && <a href="/forgot-password">{t('signIn.forgot')}</a>}
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
                  <span className="muted">
                    · {login.roles.map((r) => t(`role.${r}`, { defaultValue: r })).join(', ')}
                  </span>
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
