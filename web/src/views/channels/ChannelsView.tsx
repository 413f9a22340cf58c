import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { channelLabel } from '../../components/StatusBadge';
import { useBrands } from '../calendar/calendar-data';

type Channel = Schemas['ChannelDto'];
type Network = Schemas['ConnectChannelDto']['network'];
const NETWORKS: Network[] = ['linkedin', 'facebook', 'instagram', 'x'];
const isNetwork = (adapter: string): adapter is Network => (NETWORKS as string[]).includes(adapter);

function HealthBadge({ health }: { health: Channel['health'] }) {
  const { t, i18n } = useTranslation();
  const date = health.expiresAt
    ? new Date(health.expiresAt).toLocaleDateString(i18n.language, { dateStyle: 'medium' })
    : '';
  if (health.status === 'needs_reconnect') {
    return (
      <span className="badge health-needs_reconnect">
        {t('channels.health.needsReconnect', { reason: health.reason ?? '' })}
      </span>
    );
  }
  if (health.status === 'expiring') {
    return <span className="badge health-expiring">{t('channels.health.expiring', { date })}</span>;
  }
  return <span className="badge health-connected">{t('channels.health.connected')}</span>;
}

/** What the OAuth callback reported in the URL (`?connect=connected|choose|error`). */
function useCallbackResult() {
  const [params] = useState(() => new URLSearchParams(window.location.search));
  const dismiss = () => navigate('/channels');
  return { result: params.get('connect'), code: params.get('code'), connection: params.get('connection'), dismiss };
}

function AccountChoice({ ws, connectionId, onDone }: { ws: string; connectionId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const pending = useQuery({
    queryKey: ['connection', ws, connectionId],
    queryFn: () =>
      call(
        api.GET('/api/v1/workspaces/{workspaceId}/channels/connections/{id}', {
          params: { path: { workspaceId: ws, id: connectionId } },
        }),
      ),
    retry: false,
  });
  const choose = useMutation({
    mutationFn: (accountId: string) =>
      call(
        api.POST('/api/v1/workspaces/{workspaceId}/channels/connections/{id}', {
          params: { path: { workspaceId: ws, id: connectionId } },
          body: { accountId },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['channels', ws] });
      onDone();
    },
  });
  if (pending.isError) return <p className="notice">{t('channels.choiceExpired')}</p>;
  if (!pending.data) return null;
  return (
    <section className="card" aria-labelledby="choose-title">
      <h2 id="choose-title">{t('channels.chooseTitle', { network: channelLabel(pending.data.network) })}</h2>
      <ul className="plain-list">
        {pending.data.accounts.map((account) => (
          <li key={account.id}>
            <button type="button" className="btn" disabled={choose.isPending} onClick={() => choose.mutate(account.id)}>
              {account.name}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function BrandChannels({ ws, brand, channels }: { ws: string; brand: Schemas['BrandDto']; channels: Channel[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const connect = useMutation({
    mutationFn: (network: Network) =>
      call(
        api.POST('/api/v1/workspaces/{workspaceId}/channels/connect', {
          params: { path: { workspaceId: ws } },
          body: { network, brandId: brand.id, channel: network, name: `${brand.name} · ${channelLabel(network)}` },
        }),
      ),
    // The network's sign-in page; it sends the browser back to /channels.
    onSuccess: (started) => window.location.assign(started.authorizationUrl),
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      call(api.DELETE('/api/v1/workspaces/{workspaceId}/channels/{id}', { params: { path: { workspaceId: ws, id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['channels', ws] }),
  });
  const headingId = `brand-${brand.id}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{brand.name}</h2>
      {channels.length === 0 ? (
        <p className="muted">{t('channels.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('channels.name')}</th>
              <th scope="col">{t('channels.channel')}</th>
              <th scope="col">{t('channels.account')}</th>
              <th scope="col">{t('channels.health.title')}</th>
              <th scope="col">
                <span className="sr-only">{t('channels.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>
                  {channelLabel(c.channel)} <span className="muted">({c.adapter})</span>
                </td>
                <td className="mono">{c.accountId ?? c.config.url ?? '—'}</td>
                <td>
                  <HealthBadge health={c.health} />
                </td>
                <td className="row-actions">
                  {isNetwork(c.adapter) && (
                    <button
                      type="button"
                      className="btn"
                      disabled={connect.isPending}
                      onClick={() => connect.mutate(c.adapter as Network)}
                    >
                      {t('channels.reconnect', { name: c.name })}
                    </button>
                  )}
                  <button
                    type="button"
                    className="btn ghost"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(c.id)}
                  >
                    {t('channels.remove', { name: c.name })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="button-row">
        {NETWORKS.filter((n) => !channels.some((c) => c.channel === n && isNetwork(c.adapter))).map((network) => (
          <button
            key={network}
            type="button"
            className="btn primary"
            disabled={connect.isPending}
            onClick={() => connect.mutate(network)}
          >
            {t('channels.connect', { network: channelLabel(network) })}
          </button>
        ))}
      </div>
      {connect.isError && (
        <p className="error" role="alert">
          {connect.error.message}
        </p>
      )}
    </section>
  );
}

/** Publishing targets per brand with their connection health; connecting a network starts its OAuth sign-in. */
export default function ChannelsView() {
  const { t } = useTranslation();
  const { workspace, hasRole } = useSession();
  const ws = workspace.id;
  const brands = useBrands(ws);
  const callback = useCallbackResult();
  const channels = useQuery({
    queryKey: ['channels', ws],
    queryFn: () =>
      call(api.GET('/api/v1/workspaces/{workspaceId}/channels', { params: { path: { workspaceId: ws } } })),
  });
  if (!hasRole('publisher', 'admin')) return <p className="empty">{t('channels.forbidden')}</p>;
  return (
    <div className="channels-page">
      <div className="page-head">
        <h1>{t('channels.title')}</h1>
      </div>
      <p className="muted">{t('channels.lead')}</p>
      {callback.result === 'connected' && (
        <p className="notice success" role="status">
          {t('channels.connected')}
        </p>
      )}
      {callback.result === 'error' && (
        <p className="notice" role="alert">
          {t(`channels.errors.${callback.code ?? 'OAUTH_FAILED'}`, { defaultValue: t('channels.errors.OAUTH_FAILED') })}
        </p>
      )}
      {callback.result === 'choose' && callback.connection && (
        <AccountChoice ws={ws} connectionId={callback.connection} onDone={callback.dismiss} />
      )}
      {(brands.data ?? []).map((brand) => (
        <BrandChannels
          key={brand.id}
          ws={ws}
          brand={brand}
          channels={(channels.data ?? []).filter((c) => c.brandId === brand.id)}
        />
      ))}
    </div>
  );
}
