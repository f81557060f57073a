import { useEffect } from 'react'
import { useQuery, useRoute } from './hooks'
import { bridge } from './api'
import { NAV, APP_NAME, type Section } from './strings'
import { FirstRun } from './pages/FirstRun'
import { Dashboard } from './pages/Dashboard'
import { Ledger } from './pages/Ledger'
import { Settings } from './pages/Settings'
import { Watch } from './pages/Watch'
import { Tally } from './pages/Tally'
import { Report } from './pages/Report'
import { Notices } from './components/Notices'
import { Calendar } from './pages/Calendar'
import { DueWatcher } from './components/DueWatcher'

export function App() {
  const state = useQuery('app-state', {})
  const [route, go] = useRoute()
  useEffect(() => bridge.on?.('navigate', (p) => go(String(p))), [])

  if (state.error) return <div className="fatal">无法打开工作台：{state.error.message}</div>
  if (!state.data) return <div className="loading">正在打开工作台…</div>
  if (state.data.firstRun) return <FirstRun onDone={state.reload} />

  const section = (NAV.some((n) => n.key === route[0]) ? route[0] : 'dashboard') as Section
  const profile = state.data.profile!
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="主导航">
        <div className="brand">
          <div className="brand-name">{APP_NAME}</div>
          <div className="brand-hospital" title={profile.fullName}>{profile.fullName}</div>
        </div>
        {NAV.map((n) => (
          <a key={n.key} href={`#/${n.key}`} className={n.key === section ? 'nav-item active' : 'nav-item'} aria-current={n.key === section ? 'page' : undefined}>
            <span className="nav-icon" aria-hidden>{n.icon}</span>
            {n.label}
          </a>
        ))}
        <div className="sidebar-foot">今天 {state.data.today}</div>
      </nav>
      <main className="content">
        {section === 'dashboard' && <Dashboard go={go} />}
        {section === 'ledger' && <Ledger profile={profile} today={state.data.today} route={route.slice(1)} go={go} />}
        {section === 'settings' && <Settings profile={profile} onSaved={state.reload} />}
        {section === 'calendar' && <Calendar profile={profile} today={state.data.today} route={route.slice(1)} go={go} />}
        {section === 'watch' && <Watch route={route.slice(1)} go={go} />}
        {section === 'tally' && <Tally today={state.data.today} route={route.slice(1)} go={go} />}
        {section === 'report' && <Report today={state.data.today} route={route.slice(1)} go={go} />}
      </main>
      <Notices />
      <DueWatcher />
    </div>
  )
}
