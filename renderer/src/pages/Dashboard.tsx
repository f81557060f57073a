import { useQuery } from '../hooks'
import { CHANNELS, CHANNEL_CODES } from '../../../shared/channels'
import { WatchPanel } from '../components/WatchPanel'
import { TodayPanel } from '../components/TodayPanel'
import { QuotaPanel } from '../components/QuotaPanel'

const T = {
  title: '工作台',
  loading: '正在统计…',
  month: (y: string, m: string) => `${y}年${Number(m)}月`,
  thisMonth: '本月已完成',
  half: '累计',
  total: '合计',
  add: '新建台账记录',
  empty: '本月还没有已发布或已完成的记录。',
  counted: '只统计已发布、已报送、已录用、已完成的记录；草稿、审核中、已排期未发布和已撤回的不计入。'
}

export function Dashboard({ go }: { go: (p: string) => void }) {
  const { data, error } = useQuery('dashboard-summary', {})
  if (error) return <div className="page form-error">{error.message}</div>
  if (!data) return <div className="page loading">{T.loading}</div>
  const [y, m] = data.month.split('-')
  return (
    <section className="page">
      <header className="page-head">
        <h1>{T.title}</h1>
        <button className="primary" onClick={() => go('ledger/new')}>{T.add}</button>
      </header>
      <TodayPanel />
      <QuotaPanel />
      <h2>{`${T.month(y, m)} · ${T.thisMonth}`}<span className="big-total" data-testid="month-total">{data.total}</span></h2>
      {data.total === 0 && <p className="muted">{T.empty}</p>}
      <div className="tiles">
        {CHANNEL_CODES.map((c) => (
          <div key={c} className="tile" data-channel={c}>
            <div className="tile-label">{CHANNELS[c]}</div>
            <div className="tile-value" data-testid={`month-${c}`}>{data.byChannel[c] ?? 0}</div>
            <div className="tile-sub">{data.halfYear.label}{T.half} {data.halfYear.byChannel[c] ?? 0}</div>
          </div>
        ))}
      </div>
      <p className="muted small">{T.counted}</p>
      <WatchPanel go={go} />
    </section>
  )
}
