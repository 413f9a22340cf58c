import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call, type Schemas } from '../../api/client';

type SsoConfig = Schemas['SsoConfigDto'];
type Role = Schemas['GroupRolesDto']['roles'][number];

/** "group: role, role" per line, as an admin reads and writes the mapping. */
function mappingText(config: SsoConfig | null | undefined): string {
  return (config?.groupRoles ?? []).map((m) => `${m.group}: ${m.roles.join(', ')}`).join('\n');
}

function parseMapping(text: string): Schemas['GroupRolesDto'][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.lastIndexOf(':');
      const roles = line
        .slice(colon + 1)
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean) as Role[];
      return { group: line.slice(0, colon).trim(), roles };
    });
}

/** The admin's single sign-on settings of the workspace; the client secret is write-only. */
export function SsoSettings({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: ['sso', workspaceId],
    queryFn: async () => {
      try {
        return await call(api.GET('/api/v1/workspaces/{workspaceId}/sso', { params: { path: { workspaceId } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
  if (current.isPending) return null;
  return (
    <SsoForm
      key={current.data?.updatedAt ?? 'new'}
      workspaceId={workspaceId}
      config={current.data ?? null}
      onSaved={() => void queryClient.invalidateQueries({ queryKey: ['sso', workspaceId] })}
      t={t}
    />
  );
}

function SsoForm({
  workspaceId,
  config,
  onSaved,
  t,
}: {
  workspaceId: string;
  config: SsoConfig | null;
  onSaved: () => void;
  t: (key: string) => string;
}) {
  const [slug, setSlug] = useState(config?.slug ?? '');
  const [issuerUrl, setIssuerUrl] = useState(config?.issuerUrl ?? '');
  const [clientId, setClientId] = useState(config?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState((config?.allowedDomains ?? []).join(', '));
  const [groupsClaim, setGroupsClaim] = useState(config?.groupsClaim ?? 'groups');
  const [mapping, setMapping] = useState(mappingText(config));
  const [passwordSignIn, setPasswordSignIn] = useState(config?.passwordSignIn ?? true);
  const save = useMutation({
    mutationFn: () =>
      call(
        api.PUT('/api/v1/workspaces/{workspaceId}/sso', {
          params: { path: { workspaceId } },
          body: {
            slug,
            issuerUrl,
            clientId,
            ...(clientSecret ? { clientSecret } : {}),
            allowedDomains: domains
              .split(',')
              .map((d) => d.trim().toLowerCase())
              .filter(Boolean),
            groupsClaim,
            groupRoles: parseMapping(mapping),
            passwordSignIn,
          },
        }),
      ),
    onSuccess: onSaved,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="sso-title">
      <h2 id="sso-title">{t('security.ssoTitle')}</h2>
      {config && (
        <p className="muted">
          {t('security.redirectUri')} <code>{config.redirectUri}</code>
        </p>
      )}
      <label className="field">
        <span>{t('security.slug')}</span>
        <input required value={slug} onChange={(e) => setSlug(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('security.issuerUrl')}</span>
        <input type="url" required value={issuerUrl} onChange={(e) => setIssuerUrl(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('security.clientId')}</span>
        <input required value={clientId} onChange={(e) => setClientId(e.target.value)} />
      </label>
      <label className="field">
        <span>{config?.clientSecretSet ? t('security.clientSecretKeep') : t('security.clientSecret')}</span>
        <input
          type="password"
          autoComplete="off"
          required={!config}
          value={clientSecret}
          onChange={(e) => setClientSecret(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('security.domains')}</span>
        <input required value={domains} onChange={(e) => setDomains(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('security.groupsClaim')}</span>
        <input required value={groupsClaim} onChange={(e) => setGroupsClaim(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('security.mapping')}</span>
        <textarea rows={4} value={mapping} onChange={(e) => setMapping(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={passwordSignIn} onChange={(e) => setPasswordSignIn(e.target.checked)} />{' '}
        {t('security.passwordSignIn')}
      </label>
      {save.error && (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      )}
      {save.isSuccess && <p role="status">{t('security.saved')}</p>}
      <button type="submit" className="btn primary" disabled={save.isPending}>
        {t('security.save')}
      </button>
    </form>
  );
}
