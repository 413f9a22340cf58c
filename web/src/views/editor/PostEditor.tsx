import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call, type Post, type WorkflowPost } from '../../api/client';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { StatusBadge } from '../../components/StatusBadge';
import { useBrands } from '../calendar/calendar-data';
import { ChannelPreview } from './ChannelPreview';
import { MediaPicker } from './MediaPicker';
import { DeleteDraft } from './DeleteDraft';
import { EDITABLE_STATUSES } from '../../api/vocabulary';
import { FindingsPanel, useLiveCheck } from './FindingsPanel';
import { applyFix, contentOf, emptyForm, formOf, linksOf, type PostForm, scheduledAtOf } from './post-form';
import { PostFields } from './PostFields';
import { Revisions } from './Revisions';
import { StageList } from './StageList';

function usePost(ws: string, postId?: string) {
  return useQuery({
    queryKey: ['post', ws, postId],
    enabled: postId !== undefined,
    queryFn: () =>
      call(
        api.GET('/api/v1/workspaces/{workspaceId}/posts/{id}', { params: { path: { workspaceId: ws, id: postId! } } }),
      ),
  });
}

function useSave(ws: string, post: Post | undefined, onSaved: (p: Post) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (form: PostForm): Promise<Post> => {
      const scheduledAt = scheduledAtOf(form);
      if (!post) {
        const body = { ...contentOf(form), campaignId: form.campaignId || undefined, scheduledAt };
        return call(
          api.POST('/api/v1/workspaces/{workspaceId}/posts', { params: { path: { workspaceId: ws } }, body }),
        );
      }
      const body = { ...contentOf(form), revision: post.revision, scheduledAt: scheduledAt ?? null };
      return call(
        api.PATCH('/api/v1/workspaces/{workspaceId}/posts/{id}', {
          params: { path: { workspaceId: ws, id: post.id } },
          body,
        }),
      );
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(['post', ws, saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['calendar'] });
      onSaved(saved);
    },
  });
}

export default function PostEditor({ postId, date }: { postId?: string; date?: string }) {
  const { t } = useTranslation();
  const { workspace, hasRole } = useSession();
  const ws = workspace.id;
  const post = usePost(ws, postId);
  const brands = useBrands(ws);
  const [form, setForm] = useState<PostForm>(() => emptyForm(date));
  const [dirty, setDirty] = useState(false);
  const queryClient = useQueryClient();
  // Kept in the query cache: submitting a new post saves it first, which moves to its own URL.
  const submitted = useQuery({
    queryKey: ['submitted', ws, postId],
    queryFn: () => null as WorkflowPost | null,
    enabled: false,
    staleTime: Infinity,
  }).data;
  const check = useLiveCheck(ws, form);

  useEffect(() => {
    if (post.data) {
      setForm(formOf(post.data));
      setDirty(false);
    }
  }, [post.data]);
  useEffect(() => {
    if (!postId && !form.brandId && brands.data?.[0]) setForm((f) => ({ ...f, brandId: brands.data[0].id }));
  }, [brands.data, postId, form.brandId]);

  const set = (patch: Partial<PostForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setDirty(true);
  };
  const save = useSave(ws, post.data, (saved) => {
    setDirty(false);
    if (!postId) navigate(`/posts/${saved.id}`);
  });
  const submit = useMutation({
    mutationFn: async () => {
      const current = dirty || !post.data ? await save.mutateAsync(form) : post.data;
      return call(
        api.POST('/api/v1/workspaces/{workspaceId}/posts/{id}/submit', {
          params: { path: { workspaceId: ws, id: current.id } },
          body: { revision: current.revision },
        }),
      );
    },
    onSuccess: (result) => {
      queryClient.setQueryData(['submitted', ws, result.id], result);
      void queryClient.invalidateQueries({ queryKey: ['post', ws, result.id] });
    },
  });

  if (postId && post.isPending) return <div className="loading" aria-busy="true" />;
  if (postId && post.isError) return <p className="error">{post.error.message}</p>;
  const status = post.data?.status ?? 'draft';
  const canWrite = hasRole('marketer', 'admin');
  const readOnly = !canWrite || !(EDITABLE_STATUSES as readonly string[]).includes(status);
  const saveError = save.error instanceof ApiError ? save.error : null;
  const submitError = submit.error instanceof ApiError ? submit.error : null;
  const brandName = brands.data?.find((b) => b.id === form.brandId)?.name ?? '';

  return (
    <div className="editor-page">
      <div className="page-head">
        <div>
          <p className="crumb">
            <a href="/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
              {t('nav.calendar')}
            </a>
          </p>
          <h1>{post.data ? post.data.title : t('editor.newTitle')}</h1>
        </div>
        <div className="head-actions">
          {post.data && <StatusBadge status={status} />}
          {post.data && <span className="muted small">{t('revisions.number', { n: post.data.revision })}</span>}
          {canWrite && post.data && status === 'draft' && <DeleteDraft ws={ws} post={post.data} />}
          {canWrite && (
            <>
              <button
                type="button"
                className="btn"
                disabled={readOnly || save.isPending || (!dirty && !!post.data)}
                onClick={() => save.mutate(form)}
              >
                {dirty || !post.data ? t('editor.save') : t('editor.saved')}
              </button>
              <button
                type="button"
                className="btn primary"
                disabled={readOnly || submit.isPending || !['draft', 'changes_requested'].includes(status)}
                onClick={() => submit.mutate()}
              >
                {t('editor.submit')}
              </button>
            </>
          )}
        </div>
      </div>
      {saveError && (
        <p className="error" role="alert">
          {saveError.body.message}
        </p>
      )}
      {submitError && (
        <p className="error" role="alert">
          {submitError.status === 422 ? t('editor.submitBlocked') : submitError.body.message}
        </p>
      )}
      {submitted && (
        <div className="notice success" role="status">
          <strong>{t('editor.submitted')}</strong>
          <StageList stages={submitted.stages} />
        </div>
      )}
      <div className="editor-layout">
        <div className="editor-main">
          <section className="card">
            <PostFields form={form} set={set} errors={saveError?.fieldErrors() ?? {}} readOnly={readOnly} />
            <MediaPicker
              ws={ws}
              media={form.media}
              onChange={(media) => set({ media })}
              errors={saveError?.fieldErrors() ?? {}}
              readOnly={readOnly}
            />
          </section>
          <ChannelPreview
            ws={ws}
            channels={form.channels}
            body={form.body}
            links={linksOf(form)}
            media={form.media}
            brandName={brandName}
          />
          {post.data && <Revisions ws={ws} postId={post.data.id} current={post.data.revision} />}
        </div>
        <FindingsPanel
          evaluation={check.data}
          checking={check.isFetching}
          onApply={(fix) => set({ body: applyFix(form.body, fix) })}
        />
      </div>
    </div>
  );
}
