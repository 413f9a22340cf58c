import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { CHANNELS, POST_STATUSES, type PostStatus } from '../../api/vocabulary';
import { channelLabel } from '../../components/StatusBadge';
import {
  type CalendarFilters,
  NO_FILTERS,
  useBrands,
  useCampaigns,
  useJurisdictions,
  useMembers,
} from './calendar-data';

function Select({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <label className="compact-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('filters.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CalendarFilterBar({
  filters,
  onChange,
}: {
  filters: CalendarFilters;
  onChange: (f: CalendarFilters) => void;
}) {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const brands = useBrands(workspace.id);
  const campaigns = useCampaigns(workspace.id);
  const jurisdictions = useJurisdictions();
  const members = useMembers(workspace.id);
  const set = (patch: Partial<CalendarFilters>) => onChange({ ...filters, ...patch });
  const active = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <div className="filters" role="group" aria-label={t('filters.title')}>
      <Select
        label={t('filters.brand')}
        value={filters.brandId}
        onChange={(brandId) => set({ brandId })}
        options={(brands.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
      />
      <Select
        label={t('filters.campaign')}
        value={filters.campaignId}
        onChange={(campaignId) => set({ campaignId })}
        options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
      />
      <Select
        label={t('filters.jurisdiction')}
        value={filters.jurisdiction}
        onChange={(jurisdiction) => set({ jurisdiction })}
        options={(jurisdictions.data ?? [])
          .filter((j) => j.scope === 'jurisdiction')
          .map((j) => ({ value: j.code, label: `${j.code} · ${j.name}` }))}
      />
      <Select
        label={t('filters.channel')}
        value={filters.channel}
        onChange={(channel) => set({ channel })}
        options={CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))}
      />
      <Select
        label={t('filters.status')}
        value={filters.status}
        onChange={(status) => set({ status })}
        options={POST_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      {members.data && (
        <Select
          label={t('filters.author')}
          value={filters.author}
          onChange={(author) => set({ author })}
          options={members.data.map((m) => ({ value: m.userId, label: m.name }))}
        />
      )}
      <label className="check">
        <input type="checkbox" checked={filters.mine} onChange={(e) => set({ mine: e.target.checked })} />
        {t('filters.mine')}
      </label>
      {active && (
        <button type="button" className="btn ghost small" onClick={() => onChange(NO_FILTERS)}>
          {t('filters.clear')}
        </button>
      )}
    </div>
  );
}

export function Legend() {
  const { t } = useTranslation();
  // The states a calendar mostly shows; the rest keep their colour but not a place in the legend.
  const shown: PostStatus[] = [
    'draft',
    'in_review',
    'changes_requested',
    'approved',
    'scheduled',
    'held',
    'published',
    'rejected',
  ];
  return (
    <ul className="legend" aria-label={t('calendar.legend')}>
      {shown.map((s) => (
        <li key={s}>
          <span className={`swatch status-${s}`} aria-hidden="true" />
          {t(`status.${s}`)}
        </li>
      ))}
    </ul>
  );
}
