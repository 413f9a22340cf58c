import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useSession } from '../../app/session';
import { SecondFactorSetup } from './SecondFactorSetup';
import { SsoSettings } from './SsoSettings';

function SecondFactorPolicy({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['second-factor-policy', workspaceId];
  const params = { params: { path: { workspaceId } } };
  const policy = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/workspaces/{workspaceId}/second-factor-policy', params)),
  });
  const set = useMutation({
    mutationFn: (required: boolean) =>
      call(
        api.PUT('/api/v1/workspaces/{workspaceId}/second-factor-policy', {
          ...params,
          body: { secondFactorRequired: required },
        }),
      ),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
  return (
    <section className="card">
      <h2>{t('security.policyTitle')}</h2>
      <label className="check">
        <input
          type="checkbox"
          checked={policy.data?.secondFactorRequired ?? false}
          disabled={!policy.data || set.isPending}
          onChange={(e) => set.mutate(e.target.checked)}
        />{' '}
        {t('security.require')}
      </label>
    </section>
  );
}

/** Settings ▸ Security: your own second factor; for admins the workspace's single sign-on and second-factor rule. */
export default function SecurityView() {
  const { t } = useTranslation();
  const { workspace, hasRole } = useSession();
  return (
    <div className="security">
      <h1>{t('security.title')}</h1>
      <SecondFactorSetup />
      {hasRole('admin') && (
        <>
          <SecondFactorPolicy workspaceId={workspace.id} />
          <SsoSettings workspaceId={workspace.id} />
        </>
      )}
    </div>
  );
}
