import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../app/session';
import { CHANNELS } from '../../api/vocabulary';
import { channelLabel } from '../../components/StatusBadge';
import { useJurisdictions } from '../calendar/calendar-data';

type Created = Schemas['CreatedFeedDto'];

function CreatedFeed({ feed }: { feed: Created }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(feed.url);
    setCopied(true);
  };
  return (
    <div className="notice success" role="status">
      <p>
        <strong>{t('feeds.created', { name: feed.name })}</strong> {t('feeds.onceOnly')}
      </p>
      <div className="url-row">
        <input
          readOnly
          value={feed.url}
          aria-label={t('feeds.url')}
          className="mono"
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="btn" onClick={() => void copy()}>
          {copied ? t('feeds.copied') : t('feeds.copy')}
        </button>
        <a className="btn primary" href={feed.webcalUrl}>
          {t('feeds.open')}
        </a>
      </div>
      <details className="howto">
        <summary>{t('feeds.howto')}</summary>
        <ul>
          <li>
            <strong>Outlook</strong> — {t('feeds.outlook')}
          </li>
          <li>
            <strong>Google Calendar</strong> — {t('feeds.google')}
          </li>
          <li>
            <strong>Apple Calendar</strong> — {t('feeds.apple')}
          </li>
        </ul>
      </details>
    </div>
  );
}

export default function FeedsView() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.id;
  const queryClient = useQueryClient();
  const jurisdictions = useJurisdictions();
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<{ jurisdictions: string[]; channels: string[]; mine: boolean }>({
    jurisdictions: [],
    channels: [],
    mine: false,
  });
  const feeds = useQuery({
    queryKey: ['feeds', ws],
    queryFn: () => call(api.GET('/api/v1/workspaces/{workspaceId}/feeds', { params: { path: { workspaceId: ws } } })),
  });
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/workspaces/{workspaceId}/feeds', {
          params: { path: { workspaceId: ws } },
          body: {
            name,
            filter: {
              jurisdictions: selected.jurisdictions.length ? selected.jurisdictions : undefined,
              channels: selected.channels.length ? (selected.channels as never) : undefined,
              mine: selected.mine || undefined,
            },
          },
        }),
      ),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['feeds', ws] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      call(api.DELETE('/api/v1/workspaces/{workspaceId}/feeds/{id}', { params: { path: { workspaceId: ws, id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['feeds', ws] }),
  });
  const toggle = (key: 'jurisdictions' | 'channels', value: string) =>
    setSelected((s) => ({
      ...s,
      [key]: s[key].includes(value) ? s[key].filter((v) => v !== value) : [...s[key], value],
    }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <div className="feeds-page">
      <div className="page-head">
        <h1>{t('feeds.title')}</h1>
      </div>
      <p className="muted">{t('feeds.lead')}</p>
      {create.data && <CreatedFeed feed={create.data} />}
      <div className="editor-layout">
        <form className="card" onSubmit={onSubmit} aria-labelledby="new-feed-title">
          <h2 id="new-feed-title">{t('feeds.new')}</h2>
          <div className="field">
            <label htmlFor="feed-name">{t('feeds.name')}</label>
            <input id="feed-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <fieldset className="checks">
            <legend>{t('editor.jurisdictions')}</legend>
            {(jurisdictions.data ?? [])
              .filter((j) => j.scope === 'jurisdiction')
              .map((j) => (
                <label key={j.code} className="chip">
                  <input
                    type="checkbox"
                    checked={selected.jurisdictions.includes(j.code)}
                    onChange={() => toggle('jurisdictions', j.code)}
                  />
                  {j.code}
                </label>
              ))}
          </fieldset>
          <fieldset className="checks">
            <legend>{t('editor.channels')}</legend>
            {CHANNELS.map((c) => (
              <label key={c} className="chip">
                <input type="checkbox" checked={selected.channels.includes(c)} onChange={() => toggle('channels', c)} />
                {channelLabel(c)}
              </label>
            ))}
          </fieldset>
          <label className="check">
            <input
              type="checkbox"
              checked={selected.mine}
              onChange={(e) => setSelected((s) => ({ ...s, mine: e.target.checked }))}
            />
            {t('feeds.mine')}
          </label>
          {create.error && (
            <p className="error" role="alert">
              {create.error.message}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="btn primary" disabled={create.isPending}>
              {t('feeds.create')}
            </button>
          </div>
        </form>
        <section className="card" aria-labelledby="feed-list-title">
          <h2 id="feed-list-title">{t('feeds.list')}</h2>
          {feeds.data?.length === 0 && <p className="muted small">{t('feeds.none')}</p>}
          <ul className="feed-list">
            {feeds.data
              ?.filter((f) => !f.revokedAt)
              .map((f) => (
                <li key={f.id}>
                  <div>
                    <strong>{f.name}</strong>
                    <p className="muted small">
                      {[
                        ...(f.filter.jurisdictions ?? []),
                        ...(f.filter.channels ?? []).map((c) => channelLabel(c)),
                      ].join(', ') || t('feeds.everything')}
                      {f.filter.mine ? ` · ${t('feeds.mine')}` : ''}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="btn small danger"
                    onClick={() => revoke.mutate(f.id)}
                    aria-label={t('feeds.revokeNamed', { name: f.name })}
                  >
                    {t('feeds.revoke')}
                  </button>
                </li>
              ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
