import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NotificationBell } from '../components/NotificationBell';
import { type Language, LANGUAGES, setLanguage } from '../i18n';
import { navigate, usePath } from './router';
import { MY_ZONE, useSession } from './session';

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} className={className}>
      {children}
    </a>
  );
}

function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const path = usePath();
  const active = to === '/' ? path === '/' || path === '/calendar' : path.startsWith(to);
  return (
    <a
      href={to}
      aria-current={active ? 'page' : undefined}
      className={active ? 'nav-link active' : 'nav-link'}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { session, workspace, setWorkspace, zoneMode, setZoneMode, signOut, hasRole } = useSession();
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand" aria-label="Preclear">
          <span className="brand-mark" aria-hidden="true">
            ✓
          </span>
          Preclear
        </div>
        <nav aria-label={t('nav.main')} className="nav">
          <NavLink to="/">{t('nav.calendar')}</NavLink>
          {hasRole('reviewer', 'principal') && <NavLink to="/review">{t('nav.review')}</NavLink>}
          <NavLink to="/calendar-feeds">{t('nav.feeds')}</NavLink>
          {hasRole('publisher', 'admin') && <NavLink to="/channels">{t('nav.channels')}</NavLink>}
          <NavLink to="/security">{t('nav.security')}</NavLink>
        </nav>
        <div className="topbar-tools">
          {hasRole('marketer', 'admin') && (
            <button type="button" className="btn primary" onClick={() => navigate('/posts/new')}>
              {t('nav.newPost')}
            </button>
          )}
          <label className="compact-field">
            <span>{t('shell.workspace')}</span>
            <select value={workspace.id} onChange={(e) => setWorkspace(e.target.value)}>
              {session.workspaces.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
          <label className="compact-field">
            <span>{t('shell.times')}</span>
            <select value={zoneMode} onChange={(e) => setZoneMode(e.target.value as 'mine' | 'post')}>
              <option value="mine">{t('shell.zoneMine', { zone: MY_ZONE })}</option>
              <option value="post">{t('shell.zonePost')}</option>
            </select>
          </label>
          <label className="compact-field">
            <span>{t('shell.language')}</span>
            <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
          <NotificationBell />
          <div className="user">
            <Link to="/account" className="user-name">
              {session.user.name}
            </Link>
            <button type="button" className="btn ghost" onClick={() => void signOut()}>
              {t('shell.signOut')}
            </button>
          </div>
        </div>
      </header>
      <main className="main" id="main">
        {children}
      </main>
    </div>
  );
}
