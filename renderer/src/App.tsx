import { useEffect } from 'react'
import { useQuery, useRoute } from './hooks'
import { bridge } from './api'
import { NAV, APP_NAME, type Section } from './strings'
import { FirstRun } from './pages/FirstRun'
import { Dashboard } from './pages/Dashboard'
import { Ledger } from './pages/Ledger'
import { Settings } from './pages/Settings'
import { NotBuilt } from './pages/NotBuilt'
import { Notices } from './components/Notices'

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
        {section === 'calendar' && <NotBuilt title="日程" what="按月、按周查看已排期和已发布的稿件，拖动即可改期" />}
        {section === 'watch' && <NotBuilt title="舆情监测" what="订阅源、监测规则、舆情收件箱与研判处置" />}
        {section === 'tally' && <NotBuilt title="统计" what="月度统计、环比同比、书记签阅" />}
        {section === 'report' && <NotBuilt title="报告" what="半年意识形态工作总结的 Word 草稿与 Excel 汇总" />}
      </main>
      <Notices />
    </div>
  )
}
