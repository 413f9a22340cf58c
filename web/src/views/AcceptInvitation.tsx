import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../api/client';
import { navigate } from '../app/router';
import { signIn, useSessionQuery } from '../app/session';

/**
 * The invitation token travels in the URL fragment, which browsers never send to a server or in a
 * Referer; it is read once and then taken out of the address bar and the history entry.
 */
function takeToken(): string {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  return token;
}

/**
 * Accepting an invitation: a member already signed in here joins with one click (the session
 * proves the account); otherwise a new account chooses its name and password, an existing one
 * gives its password; then it is signed in.
 */
export function AcceptInvitation() {
  const { t } = useTranslation();
  const [token] = useState(takeToken);
  const session = useSessionQuery();
  if (session.isPending) return <div className="splash" aria-busy="true" />;
  return (
    <main className="signin">
      <section className="card signin-card" aria-labelledby="accept-title">
        <h1 id="accept-title">{t('invitation.title')}</h1>
        {!token ? (
          <p className="error" role="alert">
            {t('invitation.noToken')}
          </p>
        ) : session.data ? (
          <JoinAsSignedIn token={token} email={session.data.user.email} />
        ) : (
          <AcceptWithPassword token={token} />
        )}
      </section>
    </main>
  );
}

/** The browser's session is the proof: the service refuses (403) when it is not the invitee's account. */
function JoinAsSignedIn({ token, email }: { token: string; email: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const join = useMutation({
    mutationFn: () => call(api.POST('/api/v1/invitations/accept', { body: { token } })),
    onSuccess: async () => {
      // The session now lists the new workspace.
      await queryClient.invalidateQueries({ queryKey: ['session'] });
      navigate('/');
    },
  });
  const signOut = useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/auth/session')),
    onSuccess: () => queryClient.setQueryData(['session'], null),
  });
  return (
    <>
      <p className="muted">{t('invitation.signedInAs', { email })}</p>
      {join.error && (
        <p className="error" role="alert">
          {join.error instanceof ApiError ? join.error.body.message : join.error.message}
        </p>
      )}
      <button type="button" className="btn primary wide" disabled={join.isPending} onClick={() => join.mutate()}>
        {t('invitation.join')}
      </button>
      <button type="button" className="btn ghost wide" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
        {t('invitation.otherAccount')}
      </button>
    </>
  );
}

function AcceptWithPassword({ token }: { token: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const accept = useMutation({
    mutationFn: async () => {
      const login = await call(
        api.POST('/api/v1/invitations/accept', { body: { token, name: name.trim() || undefined, password } }),
      );
      // The answer is a bearer login; the browser signs in for its own cookie session.
      return signIn(login.user.email, password);
    },
    onSuccess: (session) => {
      queryClient.setQueryData(['session'], session);
      navigate('/');
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate();
  };
  const error = accept.error instanceof ApiError ? accept.error : null;
  const fields = error?.fieldErrors() ?? {};
  return (
    <form onSubmit={onSubmit} aria-label={t('invitation.title')}>
      <p className="muted">{t('invitation.lead')}</p>
      <label className="field">
        <span>{t('invitation.name')}</span>
        <input
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={fields.name ? true : undefined}
        />
      </label>
      <label className="field">
        <span>{t('invitation.password')}</span>
        <input
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={fields.password ? true : undefined}
        />
      </label>
      {accept.error && (
        <p className="error" role="alert">
          {error ? [error.body.message, ...Object.values(fields)].join(' ') : accept.error.message}
        </p>
      )}
      <button type="submit" className="btn primary wide" disabled={accept.isPending}>
        {t('invitation.submit')}
      </button>
    </form>
  );
}
