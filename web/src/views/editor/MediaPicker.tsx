import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, mediaContentUrl, uploadMedia } from '../../api/client';
import type { MediaEntry } from './post-form';

const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,video/mp4,video/quicktime';

/**
 * The post's images and videos: upload (the server checks the type by content and each
 * channel's limits on save), a thumbnail, the alt text each needs, remove. Errors the API
 * names (`media[0].altText`, `media[0]` for a channel's limit) show at the item.
 */
export function MediaPicker({
  ws,
  media,
  onChange,
  errors,
  readOnly,
}: {
  ws: string;
  media: MediaEntry[];
  onChange: (media: MediaEntry[]) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const upload = useMutation({
    mutationFn: (file: File) => uploadMedia(ws, file),
    onSuccess: (uploaded) => {
      if (media.some((m) => m.mediaId === uploaded.id)) return;
      onChange([...media, { mediaId: uploaded.id, kind: uploaded.kind, altText: '' }]);
    },
  });
  const uploadError =
    upload.error instanceof ApiError ? (upload.error.fieldErrors().file ?? upload.error.body.message) : null;
  const update = (index: number, patch: Partial<MediaEntry>) =>
    onChange(media.map((m, i) => (i === index ? { ...m, ...patch } : m)));

  return (
    <fieldset className={errors.media ? 'media-picker invalid' : 'media-picker'}>
      <legend>{t('media.legend')}</legend>
      <ul className="media-list">
        {media.map((item, index) => {
          const altId = `media-${index}-alt`;
          const altError = errors[`media[${index}].altText`];
          const itemError = errors[`media[${index}]`] ?? errors[`media[${index}].mediaId`];
          return (
            <li key={`${item.mediaId ?? item.url ?? ''}-${index}`} className="media-item">
              {item.mediaId && item.kind === 'image' ? (
                <img className="media-thumb" src={mediaContentUrl(ws, item.mediaId)} alt={item.altText} />
              ) : (
                <span className="media-thumb placeholder" aria-hidden="true">
                  {item.kind}
                </span>
              )}
              <div className={altError ? 'field invalid' : 'field'}>
                <label htmlFor={altId}>{t('media.altText')}</label>
                <textarea
                  id={altId}
                  rows={2}
                  maxLength={1000}
                  value={item.altText}
                  readOnly={readOnly}
                  aria-invalid={altError ? true : undefined}
                  aria-describedby={altError ? `${altId}-error` : undefined}
                  onChange={(e) => update(index, { altText: e.target.value })}
                />
                {altError && (
                  <p className="field-error" id={`${altId}-error`} role="alert">
                    {altError}
                  </p>
                )}
                {itemError && (
                  <p className="field-error" role="alert">
                    {itemError}
                  </p>
                )}
              </div>
              {!readOnly && (
                <button
                  type="button"
                  className="btn small"
                  onClick={() => onChange(media.filter((_, i) => i !== index))}
                >
                  {t('media.remove')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {!readOnly && (
        <label className="btn media-upload">
          {upload.isPending ? t('media.uploading') : t('media.add')}
          <input
            type="file"
            accept={ACCEPT}
            className="sr-only"
            disabled={upload.isPending}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) upload.mutate(file);
              e.target.value = '';
            }}
          />
        </label>
      )}
      {(uploadError || errors.media) && (
        <p className="field-error" role="alert">
          {uploadError ?? errors.media}
        </p>
      )}
    </fieldset>
  );
}
