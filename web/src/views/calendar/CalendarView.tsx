import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import interactionPlugin, { Draggable } from '@fullcalendar/react/interaction';
import listPlugin from '@fullcalendar/react/list';
import '@fullcalendar/react/skeleton.css';
import classicThemePlugin from '@fullcalendar/react/themes/classic';
import '@fullcalendar/react/themes/classic/palette.css';
import '@fullcalendar/react/themes/classic/theme.css';
import deLocale from '@fullcalendar/react/locales/de';
import esLocale from '@fullcalendar/react/locales/es';
import frLocale from '@fullcalendar/react/locales/fr';
import nlLocale from '@fullcalendar/react/locales/nl';
import plLocale from '@fullcalendar/react/locales/pl';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import type {
  CalendarRef,
  DatesSetInfo,
  EventClickInfo,
  EventDisplayInfo,
  EventDropInfo,
  EventInput,
  EventReceiveInfo,
} from '@fullcalendar/react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarEntry } from '../../api/client';
import { navigate } from '../../app/router';
import { MY_ZONE, useSession } from '../../app/session';
import { channelLabel } from '../../components/StatusBadge';
import { type CalendarFilters, fetchRange, NO_FILTERS, useBacklog } from './calendar-data';
import { CalendarFilterBar, Legend } from './CalendarFilters';
import { type PendingMove, RescheduleDialog, useReschedule } from './RescheduleDialog';

// Options FullCalendar compares by identity: built once, so a re-render of the page (a fetch
// starting or ending, the backlog arriving) does not make it re-process every event.
const CALENDAR_LOCALES = [deLocale, esLocale, frLocale, nlLocale, plLocale];
const PLUGINS = [classicThemePlugin, dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin];
const HEADER_TOOLBAR = { start: 'prev,next today', center: 'title', end: 'dayGridMonth,timeGridWeek,listMonth' };
const EVENT_TIME_FORMAT = { hour: 'numeric', minute: '2-digit' } as const;
const LOCKED_STATUSES = new Set(['published', 'publishing', 'withdrawn', 'rejected']);

const DAY_MS = 86_400_000;

/** Alt + an arrow key on a focused entry moves the post: a day left or right, a week up or down. */
const KEY_MOVES: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

/** The same local time `days` later, in the post's own zone (a move across a DST change keeps 09:00 at 09:00). */
function movedLocal(entry: CalendarEntry, days: number): string {
  const day = new Date(Date.parse(`${entry.scheduledLocal.slice(0, 10)}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return `${day}T${entry.scheduledLocal.slice(11, 19)}`;
}

/**
 * The grid FullCalendar shows first (six Monday-first weeks around the month, as the UTC-coerced
 * midnights its `datesSet` reports), so the month's request starts with the page's first render
 * rather than after the calendar has mounted. Should the guess be off, `datesSet` corrects it.
 */
function firstMonthRange(date: string | undefined): { from: string; to: string } {
  const day =
    date && /^\d{4}-\d{2}-\d{2}/.test(date)
      ? date
      : new Intl.DateTimeFormat('en-CA', { timeZone: MY_ZONE }).format(new Date());
  const first = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  const start = first.getTime() - ((first.getUTCDay() + 6) % 7) * DAY_MS;
  return { from: new Date(start).toISOString(), to: new Date(start + 42 * DAY_MS).toISOString() };
}

function renderEvent(arg: EventDisplayInfo) {
  if (arg.event.extendedProps.moreOn) return <span className="more-link">{arg.event.title}</span>;
  return (
    <EventBody
      post={arg.event.extendedProps.post as CalendarEntry}
      localTime={arg.event.extendedProps.localTime as string | undefined}
      timeText={arg.timeText}
    />
  );
}

/** Entries a month cell shows before its "+N more" link (which opens that day's list). */
const MONTH_CELL_ENTRIES = 3;
const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: MY_ZONE });

/**
 * A month hands FullCalendar only what its cells can show: the first entries of each day and
 * one "+N more" entry for the rest, instead of thousands of events it would lay out and hide.
 * A busy month (2,000 posts) renders in a fraction of the time; the week and list views get
 * every entry.
 */
function monthCells(
  entries: CalendarEntry[],
  zoneMode: 'mine' | 'post',
  moreLabel: (n: number) => string,
): EventInput[] {
  const byDay = new Map<string, CalendarEntry[]>();
  for (const entry of entries) {
    const day = dayOf.format(new Date(entry.scheduledAt));
    const list = byDay.get(day);
    if (list) list.push(entry);
    else byDay.set(day, [entry]);
  }
  const events: EventInput[] = [];
  for (const [day, list] of byDay) {
    const shown = list.length > MONTH_CELL_ENTRIES + 1 ? MONTH_CELL_ENTRIES : list.length;
    for (const entry of list.slice(0, shown)) events.push(toEvent(entry, zoneMode));
    if (shown < list.length) {
      events.push({
        id: `more:${day}`,
        title: moreLabel(list.length - shown),
        start: day,
        allDay: true,
        editable: false,
        classNames: ['more-entries'],
        extendedProps: { moreOn: day },
      });
    }
  }
  return events;
}

/** What each calendar entry shows: time (in the chosen zone), title, channels, jurisdictions and state. */
function toEvent(post: CalendarEntry, zoneMode: 'mine' | 'post'): EventInput {
  return {
    id: post.id,
    title: post.title,
    start: post.scheduledAt,
    classNames: [`status-${post.status}`],
    editable: !LOCKED_STATUSES.has(post.status),
    extendedProps: { post, localTime: zoneMode === 'post' ? post.scheduledLocal.slice(11, 16) : undefined },
  };
}

const EventBody = memo(function EventBody({
  post,
  localTime,
  timeText,
}: {
  post: CalendarEntry;
  localTime?: string;
  timeText: string;
}) {
  const { t } = useTranslation();
  const channels = post.channels.map((c) => channelLabel(c)).join(', ');
  return (
    <div
      data-entry-id={post.id}
      className={`event status-${post.status}`}
      title={[post.title, t(`status.${post.status}`), channels, post.jurisdictions.join(', '), post.authorName]
        .filter(Boolean)
        .join(' · ')}
    >
      <span className="event-time">
        {localTime ? `${localTime} ${post.timezone.split('/').pop()?.replace('_', ' ')}` : timeText}
      </span>
      <span className="event-title">{post.title}</span>
      <span className="event-meta">
        {post.jurisdictions.join(' ')} · {post.channels.map((c) => channelLabel(c).slice(0, 2)).join(' ')}
      </span>
      <span className="sr-only">{t(`status.${post.status}`)}</span>
    </div>
  );
});

export function CalendarView() {
  const { t, i18n } = useTranslation();
  const { workspace, session, zoneMode } = useSession();
  const queryClient = useQueryClient();
  const [initialDate] = useState(() => new URLSearchParams(window.location.search).get('date') ?? undefined);
  const [range, setRange] = useState<{ from: string; to: string }>(() => firstMonthRange(initialDate));
  const [filters, setFilters] = useState<CalendarFilters>(NO_FILTERS);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const backlogRef = useRef<HTMLUListElement>(null);
  const backlog = useBacklog(workspace.id);
  const reschedule = useReschedule(workspace.id, setPending);

  const posts = useQuery({
    queryKey: ['calendar', workspace.id, range, filters],
    placeholderData: keepPreviousData,
    queryFn: () => fetchRange(workspace.id, range.from, range.to, filters, session.user.id),
  });
  const [view, setView] = useState('dayGridMonth');
  const events = useMemo(
    () =>
      view === 'dayGridMonth'
        ? monthCells(posts.data ?? [], zoneMode, (n) => t('calendar.more', { count: n }))
        : (posts.data ?? []).map((p) => toEvent(p, zoneMode)),
    [posts.data, zoneMode, view, t],
  );
  const calendarRef = useRef<CalendarRef>(null);
  const onEventClick = useCallback((info: EventClickInfo) => {
    info.jsEvent.preventDefault();
    const day = info.event.extendedProps.moreOn as string | undefined;
    if (day) calendarRef.current?.getApi().changeView('listDay', day);
    else navigate(`/posts/${info.event.id}`);
  }, []);

  useEffect(() => {
    if (!backlogRef.current) return;
    const draggable = new Draggable(backlogRef.current, {
      itemSelector: '[data-post-id]',
      eventData: (el: HTMLElement) => ({ id: el.dataset.postId, title: el.dataset.title, create: false }),
    });
    return () => draggable.destroy();
  }, [backlog.data]);

  const onDrop = (info: EventDropInfo) => {
    const post = info.event.extendedProps.post as CalendarEntry;
    void reschedule.start({ post, scheduledAt: info.event.startStr, revert: info.revert });
  };
  const onReceive = (info: EventReceiveInfo) => {
    const post = backlog.data?.items.find((p) => p.id === info.event.id);
    const day = info.event.startStr.slice(0, 10);
    info.revert();
    if (post) void reschedule.start({ post, scheduledAt: `${day}T09:00:00`, localDay: true, revert: () => undefined });
  };
  // The keyboard's drag and drop: the same reschedule flow, dialog included.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const days = e.altKey ? KEY_MOVES[e.key] : undefined;
    const target = e.target as HTMLElement;
    const id = (target.closest<HTMLElement>('[data-entry-id]') ?? target.querySelector<HTMLElement>('[data-entry-id]'))
      ?.dataset.entryId;
    const entry = days === undefined || !id ? undefined : posts.data?.find((p) => p.id === id);
    if (!entry || days === undefined || LOCKED_STATUSES.has(entry.status)) return;
    e.preventDefault();
    void reschedule.start({
      post: entry,
      scheduledAt: movedLocal(entry, days),
      localDay: true,
      revert: () => undefined,
    });
  };
  const onDates = useCallback((info: DatesSetInfo) => {
    setView(info.view.type);
    setRange({ from: info.start.toISOString(), to: info.end.toISOString() });
  }, []);

  return (
    <div className="calendar-page">
      <div className="page-head">
        <h1>{t('calendar.title')}</h1>
        <Legend />
      </div>
      <CalendarFilterBar filters={filters} onChange={setFilters} />
      <div className="calendar-layout">
        <section
          className="card calendar-card"
          aria-label={t('calendar.title')}
          aria-describedby="calendar-keys"
          aria-busy={posts.isFetching}
          onKeyDown={onKeyDown}
        >
          <p id="calendar-keys" className="muted small calendar-keys">
            {t('calendar.keyboardHint')}
          </p>
          <FullCalendar
            plugins={PLUGINS}
            initialView="dayGridMonth"
            initialDate={initialDate}
            headerToolbar={HEADER_TOOLBAR}
            timeZone={MY_ZONE}
            locales={CALENDAR_LOCALES}
            locale={i18n.language}
            // The button's accessible name must contain its visible text ("Today"), not "This month".
            todayHint={t('calendar.today')}
            firstDay={1}
            height="auto"
            ref={calendarRef}
            dayMaxEvents={false}
            eventDisplay="block"
            eventTimeFormat={EVENT_TIME_FORMAT}
            editable
            droppable
            eventDurationEditable={false}
            events={events}
            datesSet={onDates}
            eventDrop={onDrop}
            eventReceive={onReceive}
            eventClick={onEventClick}
            eventContent={renderEvent}
          />
        </section>
        <aside className="card backlog" aria-labelledby="backlog-title">
          <h2 id="backlog-title">{t('calendar.backlog')}</h2>
          <p className="muted small">{t('calendar.backlogHint')}</p>
          {backlog.isError && <p className="muted small">{t('calendar.backlogUnavailable')}</p>}
          {backlog.data?.items.length === 0 && <p className="muted small">{t('calendar.backlogEmpty')}</p>}
          <ul ref={backlogRef} className="backlog-list">
            {backlog.data?.items.map((p) => (
              <li key={p.id} data-post-id={p.id} data-title={p.title} className={`backlog-item status-${p.status}`}>
                <button type="button" className="linklike" onClick={() => navigate(`/posts/${p.id}`)}>
                  {p.title}
                </button>
                <span className="muted small">
                  {[p.jurisdictions.join(' '), t(`status.${p.status}`), p.authorName].filter(Boolean).join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <RescheduleDialog
        pending={pending}
        onConfirm={() => void reschedule.confirm(pending!)}
        onCancel={() => {
          pending?.revert();
          setPending(null);
        }}
      />
      {reschedule.error && (
        <p className="error" role="alert">
          {reschedule.error}
        </p>
      )}
      <span className="sr-only" aria-live="polite">
        {queryClient.isFetching() ? t('common.loading') : ''}
      </span>
    </div>
  );
}
