import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call, type Post } from '../../api/client';
import { navigate } from '../../app/router';
import { Dialog } from '../../components/Dialog';

/**
 * Deleting a draft, after a confirmation. Only a post that never went to review may go (the
 * server answers 409 POST_SUBMITTED otherwise, since its revisions are evidence); its message is shown.
 */
export function DeleteDraft({ ws, post }: { ws: string; post: Post }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      call(
        api.DELETE('/api/v1/workspaces/{workspaceId}/posts/{id}', {
          params: { path: { workspaceId: ws, id: post.id } },
        }),
      ),
    onSuccess: async () => {
      setOpen(false);
      queryClient.removeQueries({ queryKey: ['post', ws, post.id] });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['calendar'] }),
        queryClient.invalidateQueries({ queryKey: ['backlog'] }),
      ]);
      navigate('/');
    },
  });
  const close = () => {
    setOpen(false);
    remove.reset();
  };
  return (
    <>
      <button type="button" className="btn ghost danger" onClick={() => setOpen(true)}>
        {t('deleteDraft.action')}
      </button>
      <Dialog
        open={open}
        title={t('deleteDraft.title')}
        onClose={close}
        actions={
          <>
            <button type="button" className="btn ghost" onClick={close}>
              {t('deleteDraft.cancel')}
            </button>
            <button type="button" className="btn danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
              {t('deleteDraft.confirm')}
            </button>
          </>
        }
      >
        <p>{t('deleteDraft.text', { title: post.title })}</p>
        {remove.error && (
          <p className="error" role="alert">
            {remove.error instanceof ApiError ? remove.error.body.message : remove.error.message}
          </p>
        )}
      </Dialog>
    </>
  );
}
