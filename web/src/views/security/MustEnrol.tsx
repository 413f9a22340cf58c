import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SecondFactorSetup } from './SecondFactorSetup';

/** The only screen of a session that must enrol a second factor first. */
export function MustEnrol() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <main className="signin">
      <div className="signin-card">
        <h1>{t('security.mustEnrolTitle')}</h1>
        <p className="muted">{t('security.mustEnrolLead')}</p>
        <SecondFactorSetup onDone={() => void queryClient.invalidateQueries({ queryKey: ['session'] })} />
      </div>
    </main>
  );
}
