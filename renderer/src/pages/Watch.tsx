import { MentionList } from '../components/watch/MentionList'
import { MentionDetail } from '../components/watch/MentionDetail'
import { FeedsTab } from '../components/watch/FeedsTab'
import { RulesTab } from '../components/watch/RulesTab'
import { WatchSettingsTab } from '../components/watch/WatchSettingsTab'
import { DigestCard } from '../components/watch/DigestCard'
import { BriefTab } from '../components/watch/BriefTab'
import { useShortcut } from '../keymap'
import { TRIAGE_ACTIONS } from '../../../shared/watch'
import './watch.css'

const T = {
  title: '舆情监测',
  tabs: { inbox: '收件箱', feeds: '订阅源', rules: '监测规则', leaders: '领导关注', briefs: '舆情报告', settings: '提醒与词库' },
  leadersIntro: '已“上报领导”的舆情，供书记、院长查看处置进展。'
}
type Tab = keyof typeof T.tabs

/**
 * Y / B (keymap.ts) press the open mention's own 开始研判 / 办结 button, so the shortcut does exactly what the click
 * does (the 处置说明 typed goes with it) and nothing when the mention cannot take that step now.
 */
function pressTriage(step: 'assessing' | 'closed'): void {
  const buttons = document.querySelectorAll<HTMLButtonElement>('.mention-detail .triage button')
  const b = [...buttons].find((x) => x.textContent?.trim() === TRIAGE_ACTIONS[step])
  if (b && !b.disabled) b.click()
}
const TABS = Object.keys(T.tabs) as Tab[]

/** #/watch/<tab>[/<mention id>] */
export function Watch({ route, go }: { route: string[]; go: (p: string) => void }) {
  const tab: Tab = TABS.includes(route[0] as Tab) ? (route[0] as Tab) : 'inbox'
  const selected = route[1] && /^\d+$/.test(route[1]) ? Number(route[1]) : null
  const open = (id: number | null) => go(`watch/${tab === 'leaders' ? 'leaders' : 'inbox'}${id ? `/${id}` : ''}`)
  const inboxLike = tab === 'inbox' || tab === 'leaders'
  useShortcut('mention-assess', selected && inboxLike ? () => pressTriage('assessing') : null)
  useShortcut('mention-close', selected && inboxLike ? () => pressTriage('closed') : null)
  return (
    <section className="page watch-page">
      <header className="page-head"><h1>{T.title}</h1></header>
      <nav className="tabs" role="tablist" aria-label={T.title}>
        {TABS.map((t) => (
          <a key={t} role="tab" aria-selected={t === tab} className={t === tab ? 'tab active' : 'tab'} href={`#/watch/${t}`}>{T.tabs[t]}</a>
        ))}
      </nav>
      {tab === 'inbox' && <DigestCard onOpen={(id) => open(id)} />}
      {tab === 'leaders' && <p className="muted">{T.leadersIntro}</p>}
      {inboxLike && (
        <div className={selected ? 'inbox split' : 'inbox'}>
          <MentionList key={tab} escalated={tab === 'leaders'} selected={selected} onSelect={(id) => open(id)} />
          {selected && <MentionDetail id={selected} onClose={() => open(null)} onOpen={(id) => open(id)} />}
        </div>
      )}
      {tab === 'feeds' && <FeedsTab />}
      {tab === 'rules' && <RulesTab />}
      {tab === 'briefs' && <BriefTab />}
      {tab === 'settings' && <WatchSettingsTab />}
    </section>
  )
}
