import { useTranslation } from 'react-i18next';

export const STATUSES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'rejected',
  'scheduled',
  'publishing',
  'published',
  'held',
  'failed',
  'missed',
  'withdrawn',
] as const;

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

export const CHANNEL_LABELS: Record<string, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
  linkedin: 'LinkedIn',
  tiktok: 'TikTok',
  pinterest: 'Pinterest',
  youtube: 'YouTube',
};
export const CHANNELS = Object.keys(CHANNEL_LABELS);
