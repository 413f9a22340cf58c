import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaContentUrl } from '../../api/client';
import { channelLabel } from '../../components/StatusBadge';
import { CHANNEL_LIMITS, channelLength, type MediaEntry } from './post-form';

/** How the caption and its first link look on each network, with the fold where "more" cuts it. */
export function ChannelPreview({
  ws,
  channels,
  body,
  links,
  media,
  brandName,
}: {
  ws: string;
  channels: string[];
  body: string;
  links: string[];
  media: MediaEntry[];
  brandName: string;
}) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string | null>(null);
  const channel = selected && channels.includes(selected) ? selected : channels[0];
  if (!channel) return null;
  const limit = CHANNEL_LIMITS[channel] ?? { max: 2200, fold: 200 };
  const chars = [...body];
  const folded = chars.length > limit.fold;
  const shown = folded ? chars.slice(0, limit.fold).join('').trimEnd() : body;
  const link = links[0];
  return (
    <section className="card preview" aria-labelledby="preview-title">
      <div className="card-head">
        <h2 id="preview-title">{t('preview.title')}</h2>
        <div className="tabs" role="tablist" aria-label={t('preview.title')}>
          {channels.map((c) => (
            <button
              key={c}
              type="button"
              role="tab"
              aria-selected={c === channel}
              className={c === channel ? 'tab active' : 'tab'}
              onClick={() => setSelected(c)}
            >
              {channelLabel(c)}
            </button>
          ))}
        </div>
      </div>
      <div className={`mock mock-${channel}`} role="tabpanel" aria-label={channelLabel(channel)}>
        <div className="mock-author">
          <span className="avatar" aria-hidden="true">
            {brandName.slice(0, 1) || '?'}
          </span>
          <strong>{brandName || t('preview.brand')}</strong>
        </div>
        {channel === 'instagram' && !media.some((m) => m.mediaId) && <div className="mock-media" aria-hidden="true" />}
        {channel === 'instagram' && <PreviewMedia ws={ws} media={media} />}
        <p className="mock-text">
          {shown}
          {folded && <span className="more">{channel === 'x' ? '' : ` … ${t('preview.more')}`}</span>}
        </p>
        {channel !== 'instagram' && <PreviewMedia ws={ws} media={media} />}
        {link && channel !== 'instagram' && (
          <div className="mock-link">
            <span className="muted small">{safeHost(link)}</span>
          </div>
        )}
      </div>
      <p className="muted small">
        {channel === 'instagram' && link ? t('preview.instagramLinks') : t('preview.fold', { n: limit.fold })}
      </p>
      <p className="counter-line">{t('preview.count', { n: channelLength(channel, body, links), max: limit.max })}</p>
    </section>
  );
}

/** The uploaded images as the network shows them, each with its alt text for screen readers. */
function PreviewMedia({ ws, media }: { ws: string; media: MediaEntry[] }) {
  const uploads = media.filter((m) => m.mediaId);
  if (uploads.length === 0) return null;
  return (
    <div className={uploads.length > 1 ? 'mock-images grid' : 'mock-images'}>
      {uploads.map((m) =>
        m.kind === 'image' ? (
          <img key={m.mediaId} src={mediaContentUrl(ws, m.mediaId!)} alt={m.altText} />
        ) : (
          <video key={m.mediaId} src={mediaContentUrl(ws, m.mediaId!)} aria-label={m.altText} muted />
        ),
      )}
    </div>
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
