import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { CalendarView } from '../views/calendar/CalendarView';
import { AcceptInvitation } from '../views/AcceptInvitation';
import { ForgotPassword, ResetPassword } from '../views/PasswordReset';
import { SignIn } from '../views/SignIn';
import { MustEnrol } from '../views/security/MustEnrol';
import { AppShell } from './AppShell';
import { matchRoute, type Route, usePath } from './router';
import { SessionProvider, useSessionQuery } from './session';

// Everything past the calendar loads on demand, so sign-in and the calendar start fast.
const PostEditor = lazy(() => import('../views/editor/PostEditor'));
const ReviewQueue = lazy(() => import('../views/review/ReviewQueue'));
const ReviewPage = lazy(() => import('../views/review/ReviewPage'));
const FeedsView = lazy(() => import('../views/feeds/FeedsView'));
const ChannelsView = lazy(() => import('../views/channels/ChannelsView'));
const AccountSettings = lazy(() => import('../views/account/AccountSettings'));
const SecurityView = lazy(() => import('../views/security/SecurityView'));

function Page({ route }: { route: Route }) {
  const { t } = useTranslation();
  switch (route.name) {
    case 'calendar':
      return <CalendarView />;
    case 'newPost':
      return <PostEditor key="new" date={route.date} />;
    case 'post':
      return <PostEditor key={route.id} postId={route.id} />;
    case 'queue':
      return <ReviewQueue />;
    case 'review':
      return <ReviewPage key={route.id} postId={route.id} />;
    case 'feeds':
      return <FeedsView />;
    case 'channels':
      return <ChannelsView />;
    case 'account':
      return <AccountSettings />;
    case 'security':
      return <SecurityView />;
    case 'notFound':
      return <p className="empty">{t('common.notFound')}</p>;
  }
}

export function App() {
  const { t } = useTranslation();
  const path = usePath();
  const session = useSessionQuery();
  // Reachable signed out: the invitee may not have an account yet.
  if (path === '/accept-invitation') return <AcceptInvitation />;
  if (path === '/forgot-password') return <ForgotPassword />;
  if (path === '/reset-password') return <ResetPassword />;
  if (session.isPending) return <div className="splash" aria-busy="true" />;
  if (session.isError) return <p className="empty">{t('common.loadFailed')}</p>;
  if (!session.data) return <SignIn />;
  // A workspace requires a second factor this account has not set up: nothing else works until it has.
  if (session.data.mustEnrolSecondFactor) return <MustEnrol />;
  if (session.data.workspaces.length === 0) return <p className="empty">{t('signIn.noWorkspace')}</p>;
  return (
    <SessionProvider session={session.data}>
      <AppShell>
        <Suspense
          fallback={
            <div className="loading" aria-busy="true">
              {t('common.loading')}
            </div>
          }
        >
          <Page route={matchRoute(path)} />
        </Suspense>
      </AppShell>
    </SessionProvider>
  );
}
