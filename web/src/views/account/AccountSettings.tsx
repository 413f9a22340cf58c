import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { signIn } from '../../app/session';
import { useSession } from '../../app/session';

type Preference = Schemas['NotificationPreferenceDto'];
type Mode = Preference['mode'];
const MODES: Mode[] = ['immediate', 'digest', 'off'];

function errorText(error: Error | null): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return error.message;
  return [error.body.message, ...Object.values(error.fieldErrors())].join(' ');
}

/** Change one's password with the current one; the server signs every device out, so this browser signs in again. */
function ChangePassword() {
  const { t } = useTranslation();
  const { session } = useSession();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: async () => {
      await call(api.POST('/api/v1/auth/password', { body: { currentPassword: current, newPassword: next } }));
      return signIn(session.user.email, next);
    },
    onSuccess: (fresh) => {
      queryClient.setQueryData(['session'], fresh);
      setCurrent('');
      setNext('');
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="password-title">
      <h2 id="password-title">{t('account.passwordTitle')}</h2>
      <p className="muted">{t('passwordReset.rules')}</p>
      <label className="field">
        <span>{t('account.currentPassword')}</span>
        <input
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('passwordReset.newPassword')}</span>
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
      </label>
      {change.error && (
        <p className="error" role="alert">
          {errorText(change.error)}
        </p>
      )}
      {change.isSuccess && (
        <p className="notice success" role="status">
          {t('account.passwordChanged')}
        </p>
      )}
      <button type="submit" className="btn primary" disabled={change.isPending}>
        {t('account.changePassword')}
      </button>
    </form>
  );
}

/** Per event: immediately, in the daily digest, or off (mandatory events offer no "off"). */
function NotificationPreferences() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.id;
  const queryClient = useQueryClient();
  const prefs = useQuery({
    queryKey: ['notification-preferences', ws],
    queryFn: () =>
      call(
        api.GET('/api/v1/workspaces/{workspaceId}/notification-preferences', { params: { path: { workspaceId: ws } } }),
      ),
  });
  const save = useMutation({
    mutationFn: (change: Record<string, Mode>) =>
      call(
        api.PUT('/api/v1/workspaces/{workspaceId}/notification-preferences', {
          params: { path: { workspaceId: ws } },
          body: change,
        }),
      ),
    onSuccess: (data) => queryClient.setQueryData(['notification-preferences', ws], data),
  });
  if (prefs.isPending) return <p aria-busy="true">{t('common.loading')}</p>;
  if (prefs.isError) return <p className="error">{t('common.loadFailed')}</p>;
  return (
    <section className="card" aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t('account.notificationsTitle')}</h2>
      <p className="muted">
        {t('account.notificationsLead', { hour: String(prefs.data.digestHourUtc).padStart(2, '0') })}
      </p>
      <table className="prefs-table">
        <thead>
          <tr>
            <th scope="col">{t('account.event')}</th>
            <th scope="col">{t('account.delivery')}</th>
          </tr>
        </thead>
        <tbody>
          {prefs.data.items.map((p) => (
            <tr key={p.event}>
              <th scope="row" id={`pref-${p.event}`}>
                {t(`notifications.events.${p.event}`)}
                {p.mandatory && <span className="muted"> · {t('account.mandatory')}</span>}
              </th>
              <td>
                <select
                  aria-labelledby={`pref-${p.event}`}
                  value={p.mode}
                  onChange={(e) => save.mutate({ [p.event]: e.target.value as Mode })}
                >
                  {MODES.filter((mode) => !(p.mandatory && mode === 'off')).map((mode) => (
                    <option key={mode} value={mode}>
                      {t(`account.modes.${mode}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {save.error && (
        <p className="error" role="alert">
          {errorText(save.error)}
        </p>
      )}
    </section>
  );
}

export default function AccountSettings() {
  const { t } = useTranslation();
  return (
    <div className="account-settings">
      <h1>{t('account.title')}</h1>
      <NotificationPreferences />
      <ChangePassword />
    </div>
  );
}
