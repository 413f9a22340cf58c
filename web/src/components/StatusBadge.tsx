import { useTranslation } from 'react-i18next';
import type { Channel } from '../api/vocabulary';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

/** How each network writes its own name. */
const CHANNEL_LABELS: Record<Channel, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  linkedin: 'LinkedIn',
  tiktok: 'TikTok',
  pinterest: 'Pinterest',
  youtube: 'YouTube',
};

/** A channel's name as its network writes it; an unknown one (from a newer server) as given. */
export function channelLabel(channel: string): string {
  return (CHANNEL_LABELS as Record<string, string | undefined>)[channel] ?? channel;
}
