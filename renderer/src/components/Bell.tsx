// The notice centre: every alert and reminder the desk raised (kept in the database, so it survives a restart),
// newest first, with its time, a link to its record and the unread count on the bell.
import { useEffect, useRef, useState } from 'react'
import { invoke } from '../api'
import { NOTICE_EVENT } from './Notices'
import { useQuery } from '../hooks'
import { chinaClock } from '../../../shared/dates'
import type { NoticeItem } from '../../../shared/contract/notices'
import './bell.css'

const T = {
  bell: '提醒中心',
  unread: (n: number) => `${n} 条未读`,
  title: '提醒中心',
  allRead: '全部标为已读',
  empty: '暂无提醒。',
  open: '查看',
  read: '标为已读',
  desktop: '在本浏览器开启桌面通知',
  kinds: { alert: '舆情', due: '排期', backup: '备份', silent: '订阅源', webhook: '推送', other: '提醒' } as Record<string, string>
}

/** China wall-clock time of an instant: the desk is used in China whatever the computer's zone. */
const when = (iso: string) => chinaClock(iso, 'MM-dd HH:mm')

export function Bell({ go }: { go: (path: string) => void }) {
  const q = useQuery('notice-list', { limit: 50 })
  const [open, setOpen] = useState(false)
  const panel = useRef<HTMLDivElement>(null)
  // a new notice is in the database before it is pushed (and shown by Notices): load the list again
  useEffect(() => {
    window.addEventListener(NOTICE_EVENT, q.reload)
    return () => window.removeEventListener(NOTICE_EVENT, q.reload)
  }, [])
  useEffect(() => {
    if (!open) return
    const away = (e: MouseEvent) => panel.current && !panel.current.contains(e.target as Node) && setOpen(false)
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false)
    document.addEventListener('mousedown', away)
    document.addEventListener('keydown', esc)
    return () => {
      document.removeEventListener('mousedown', away)
      document.removeEventListener('keydown', esc)
    }
  }, [open])
  const unread = q.data?.unread ?? 0
  const markRead = async (ids: number[] | null) => {
    await (ids ? invoke('notice-read', { ids }) : invoke('notice-read-all', {}))
    q.reload()
  }
  const openItem = (n: NoticeItem) => {
    if (!n.read) void markRead([n.id])
    if (n.href) {
      setOpen(false)
      go(n.href.slice(2))
    }
  }
  const canAskDesktop = !window.desk && typeof Notification !== 'undefined' && Notification.permission === 'default'
  return (
    <div className="bell" ref={panel}>
      <button type="button" className={unread ? 'bell-button has-unread' : 'bell-button'} aria-label={unread ? `${T.bell}，${T.unread(unread)}` : T.bell} aria-expanded={open} onClick={() => setOpen((x) => !x)}>
        <svg aria-hidden viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 && <span className="bell-count" data-testid="bell-count">{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <div className="bell-panel" role="dialog" aria-label={T.title}>
          <div className="bell-head">
            <strong>{T.title}</strong>
            {unread > 0 && <span className="muted small">{T.unread(unread)}</span>}
            <button type="button" className="link" disabled={!unread} onClick={() => void markRead(null)}>{T.allRead}</button>
          </div>
          {canAskDesktop && <button type="button" className="link bell-desktop" onClick={() => void Notification.requestPermission()}>{T.desktop}</button>}
          {!q.data?.items.length && <p className="muted bell-empty">{T.empty}</p>}
          <ul className="bell-list">
            {q.data?.items.map((n) => (
              <li key={n.id} className={n.read ? 'bell-item' : 'bell-item unread'}>
                <div className="bell-meta">
                  <span className={`bell-kind k-${n.kind}`}>{T.kinds[n.kind] ?? T.kinds.other}</span>
                  <time dateTime={n.at}>{when(n.at)}</time>
                </div>
                <div className="bell-title">{n.title}</div>
                <div className="bell-body pre-line">{n.body}</div>
                <div className="bell-actions">
                  {n.href && <button type="button" className="link" onClick={() => openItem(n)}>{T.open}</button>}
                  {!n.read && <button type="button" className="link" onClick={() => void markRead([n.id])}>{T.read}</button>}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
