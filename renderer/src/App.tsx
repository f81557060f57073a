import { useEffect, useState } from 'react'
import { useQuery, useRoute } from './hooks'
import { bridge, invoke } from './api'
import { NAV, APP_NAME, type Section } from './strings'
import { SessionContext, SESSION_EVENT } from './session'
import { FirstRun } from './pages/FirstRun'
import { FirstAdmin, SignIn, Unlock } from './pages/SignIn'
import { Dashboard } from './pages/Dashboard'
import { Ledger } from './pages/Ledger'
import { Settings } from './pages/Settings'
import { Watch } from './pages/Watch'
import { Tally } from './pages/Tally'
import { Report } from './pages/Report'
import { AuditLog } from './pages/AuditLog'
import { useCan } from './session'
import { Notices } from './components/Notices'
import { Bell } from './components/Bell'
import { ToastHost } from './components/Toast'
import { Calendar } from './pages/Calendar'
import { UserMenu, useIdleLock } from './components/UserMenu'
import { DiscardPrompt } from './components/Overlay'
import { Shortcuts } from './components/Shortcuts'
import { useNavigationGuard } from './unsaved'
import type { SessionState } from '../../shared/contract/users'

const T = {
  failed: '无法打开工作台：',
  opening: '正在打开工作台…',
  nav: '主导航',
  today: (d: string) => `今天 ${d}`,
  trailUnknown: '日志不完整',
  trailBroken: (why: string) => `操作日志校验未通过：${why}。记录可能被工作台以外的工具改动过，请管理员在“操作日志”中查看并保留现场。`
}

/** Sign-in first: nothing of the desk is shown (or callable) before a person is known. */
export function App() {
  const [session, setSession] = useState<SessionState | null>(null)
  const [failed, setFailed] = useState<string | null>(null)
  const refresh = () =>
    void invoke('session-state', {}).then((r) => {
      if (r.ok) setSession(r.value)
      else setFailed(r.error.message)
    })
  useEffect(() => {
    refresh()
    window.addEventListener(SESSION_EVENT, refresh)
    return () => window.removeEventListener(SESSION_EVENT, refresh)
  }, [])
  const signedIn = !!session?.user && !session.locked
  useIdleLock(session?.idleMinutes ?? 15, signedIn, refresh)

  if (failed) return <div className="fatal">{T.failed}{failed}</div>
  if (!session) return <div className="loading">{T.opening}</div>
  if (session.needsFirstAdmin) return <FirstAdmin state={session} onDone={setSession} />
  if (!session.user) return <SignIn onDone={setSession} />
  if (session.locked) return <Unlock state={session} onDone={setSession} />
  return (
    <SessionContext.Provider value={{ state: session, refresh }}>
      {/* keyed by user: switching people starts every page afresh, nothing of the last person's view stays */}
      <Shell key={session.user.id} />
    </SessionContext.Provider>
  )
}

function Shell() {
  const state = useQuery('app-state', {})
  const trail = useQuery('audit-status', {})
  const can = useCan()
  const [route, navigate] = useRoute()
  // Leaving a page with unsaved input asks 放弃修改？ first (unsaved.ts); so do links and closing the window.
  const go = useNavigationGuard(navigate)
  useEffect(() => bridge.on?.('navigate', (p) => go(String(p))), [])

  if (state.error) return <div className="fatal">{T.failed}{state.error.message}</div>
  if (!state.data) return <div className="loading">{T.opening}</div>
  if (state.data.firstRun) return <FirstRun onDone={state.reload} />

  // 操作日志 is for the administrator and the party secretary (the handler refuses anyone else too).
  const nav = NAV.filter((n) => n.key !== 'audit' || can('audit-log'))
  const section = (nav.some((n) => n.key === route[0]) ? route[0] : 'dashboard') as Section
  const profile = state.data.profile!
  return (
    <div className="shell">
      <nav className="sidebar" aria-label={T.nav}>
        <div className="brand brand-with-bell">
          <div>
            <div className="brand-name">{APP_NAME}</div>
            <div className="brand-hospital" title={profile.fullName}>{profile.fullName}</div>
          </div>
          <Bell go={go} />
        </div>
        {nav.map((n) => (
          <a key={n.key} href={`#/${n.key}`} className={n.key === section ? 'nav-item active' : 'nav-item'} aria-current={n.key === section ? 'page' : undefined}>
            <span className="nav-icon" aria-hidden>{n.icon}</span>
            {n.label}
          </a>
        ))}
        <div className="sidebar-foot">
          <UserMenu />
          <div>{T.today(state.data.today)}</div>
        </div>
      </nav>
      <main className="content">
        {trail.data && !trail.data.ok && (
          <div className="trail-broken" role="alert">
            {T.trailBroken(trail.data.problem?.why ?? T.trailUnknown)}
          </div>
        )}
        {section === 'dashboard' && <Dashboard go={go} />}
        {section === 'ledger' && <Ledger profile={profile} today={state.data.today} route={route.slice(1)} go={go} />}
        {section === 'settings' && <Settings profile={profile} onSaved={state.reload} />}
        {section === 'calendar' && <Calendar profile={profile} today={state.data.today} route={route.slice(1)} go={go} />}
        {section === 'watch' && <Watch route={route.slice(1)} go={go} />}
        {section === 'tally' && <Tally today={state.data.today} route={route.slice(1)} go={go} />}
        {section === 'report' && <Report today={state.data.today} route={route.slice(1)} go={go} />}
        {section === 'audit' && <AuditLog go={go} />}
      </main>
      <Notices />
      <ToastHost />
      <Shortcuts go={go} />
      <DiscardPrompt />
    </div>
  )
}
