import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { CHANNELS } from '../../api/vocabulary';
import { channelLabel } from '../../components/StatusBadge';
import { useBrands, useCampaigns, useJurisdictions } from '../calendar/calendar-data';
import {
  AUDIENCES,
  CHANNEL_LIMITS,
  channelLength,
  COMMUNICATION_TYPES,
  linksOf,
  LOCALES,
  type PostForm,
  PRODUCT_CATEGORIES,
} from './post-form';

function Field({ label, error, children, id }: { label: string; error?: string; children: ReactNode; id: string }) {
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Checks({
  legend,
  values,
  options,
  onChange,
  error,
}: {
  legend: string;
  values: string[];
  options: { value: string; label: string }[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset className={error ? 'checks invalid' : 'checks'}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="chip">
          <input
            type="checkbox"
            checked={values.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...values, o.value] : values.filter((v) => v !== o.value))}
          />
          {o.label}
        </label>
      ))}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function Counters({ form }: { form: PostForm }) {
  const { t } = useTranslation();
  const links = linksOf(form);
  return (
    <ul className="counters" aria-label={t('editor.counters')}>
      {form.channels.map((c) => {
        const n = channelLength(c, form.body, links);
        const max = CHANNEL_LIMITS[c]?.max ?? 2200;
        return (
          <li key={c} className={n > max ? 'over' : n > max * 0.9 ? 'near' : ''}>
            {channelLabel(c)} {n}/{max}
          </li>
        );
      })}
    </ul>
  );
}

export function PostFields({
  form,
  set,
  errors,
  readOnly,
}: {
  form: PostForm;
  set: (patch: Partial<PostForm>) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const brands = useBrands(workspace.id);
  const campaigns = useCampaigns(workspace.id);
  const jurisdictions = useJurisdictions();
  const e = (name: string) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `f-${name}-error` } : {});
  return (
    <fieldset className="post-fields" disabled={readOnly}>
      <div className="grid-2">
        <Field id="f-brandId" label={t('editor.brand')} error={errors.brandId}>
          <select
            id="f-brandId"
            value={form.brandId}
            onChange={(ev) => set({ brandId: ev.target.value })}
            {...e('brandId')}
          >
            <option value="">{t('editor.choose')}</option>
            {brands.data?.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="f-campaignId" label={t('editor.campaign')} error={errors.campaignId}>
          <select
            id="f-campaignId"
            value={form.campaignId}
            onChange={(ev) => set({ campaignId: ev.target.value })}
            {...e('campaignId')}
          >
            <option value="">{t('editor.none')}</option>
            {campaigns.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="f-title" label={t('editor.postTitle')} error={errors.title}>
        <input id="f-title" value={form.title} onChange={(ev) => set({ title: ev.target.value })} {...e('title')} />
      </Field>
      <Field id="f-body" label={t('editor.body')} error={errors.body}>
        <textarea
          id="f-body"
          rows={7}
          value={form.body}
          onChange={(ev) => set({ body: ev.target.value })}
          {...e('body')}
        />
      </Field>
      <Counters form={form} />
      <Field id="f-links" label={t('editor.links')} error={errors.links}>
        <textarea
          id="f-links"
          rows={2}
          value={form.links}
          onChange={(ev) => set({ links: ev.target.value })}
          placeholder="https://"
          {...e('links')}
        />
      </Field>
      <Checks
        legend={t('editor.channels')}
        values={form.channels}
        error={errors.channels}
        onChange={(channels) => set({ channels })}
        options={CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))}
      />
      <Checks
        legend={t('editor.jurisdictions')}
        values={form.jurisdictions}
        error={errors.jurisdictions}
        onChange={(jurisdictions) => set({ jurisdictions })}
        options={(jurisdictions.data ?? [])
          .filter((j) => j.scope === 'jurisdiction')
          .map((j) => ({ value: j.code, label: j.code }))}
      />
      <div className="grid-3">
        <Field id="f-productCategory" label={t('editor.product')} error={errors.productCategory}>
          <select
            id="f-productCategory"
            value={form.productCategory}
            onChange={(ev) => set({ productCategory: ev.target.value })}
          >
            {PRODUCT_CATEGORIES.map((p) => (
              <option key={p} value={p}>
                {t(`product.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="f-communicationType" label={t('editor.communication')} error={errors.communicationType}>
          <select
            id="f-communicationType"
            value={form.communicationType}
            onChange={(ev) => set({ communicationType: ev.target.value })}
          >
            {COMMUNICATION_TYPES.map((c) => (
              <option key={c} value={c}>
                {t(`communication.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="f-audience" label={t('editor.audience')} error={errors.audience}>
          <select id="f-audience" value={form.audience} onChange={(ev) => set({ audience: ev.target.value })}>
            {AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {t(`audience.${a}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="grid-3">
        <Field id="f-locale" label={t('editor.locale')} error={errors.locale}>
          <select id="f-locale" value={form.locale} onChange={(ev) => set({ locale: ev.target.value })}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </Field>
        <Field id="f-scheduledAt" label={t('editor.scheduledAt')} error={errors.scheduledAt}>
          <input
            id="f-scheduledAt"
            type="datetime-local"
            value={form.scheduledLocal}
            onChange={(ev) => set({ scheduledLocal: ev.target.value })}
            {...e('scheduledAt')}
          />
        </Field>
        <Field id="f-timezone" label={t('editor.timezone')} error={errors.timezone}>
          <input
            id="f-timezone"
            value={form.timezone}
            onChange={(ev) => set({ timezone: ev.target.value })}
            {...e('timezone')}
          />
        </Field>
      </div>
      <div className="toggles">
        {(['paid', 'platformAd', 'interactive', 'influencer'] as const).map((k) => (
          <label key={k} className="check">
            {/* Only a paid post can be a platform ad (the API refuses it otherwise). */}
            <input
              type="checkbox"
              checked={form[k] && (k !== 'platformAd' || form.paid)}
              disabled={k === 'platformAd' && !form.paid}
              onChange={(ev) => set({ [k]: ev.target.checked })}
            />
            {t(`editor.${k}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
