import { useQuery } from '../hooks'
import '../pages/watch.css'

const T = {
  title: '舆情监测',
  newToday: '今日新增',
  negativeToday: '今日负面',
  unhandled: '未处置',
  leaders: '领导关注（未办结）',
  failing: (n: number) => `${n} 个订阅源已失效`,
  noFeeds: '还没有订阅源，舆情监测尚未开始。',
  open: '进入舆情收件箱'
}

/** Dashboard tiles for the watch: today's new and negative mentions, what is unhandled, and failing feeds. */
export function WatchPanel({ go }: { go: (p: string) => void }) {
  const { data } = useQuery('watch-summary', {})
  if (!data) return null
  return (
    <section className="watch-panel" aria-label={T.title}>
      <h2>{T.title}<button className="link" onClick={() => go('watch/inbox')}>{T.open}</button></h2>
      <div className="tiles">
        <div className="tile"><div className="tile-label">{T.newToday}</div><div className="tile-value" data-testid="watch-new">{data.newToday}</div></div>
        <div className="tile"><div className="tile-label">{T.negativeToday}</div><div className={`tile-value${data.negativeToday ? ' negative' : ''}`} data-testid="watch-negative">{data.negativeToday}</div></div>
        <div className="tile"><div className="tile-label">{T.unhandled}</div><div className="tile-value" data-testid="watch-unhandled">{data.unhandled}</div></div>
        <div className="tile"><div className="tile-label">{T.leaders}</div><div className="tile-value">{data.escalatedOpen}</div></div>
      </div>
      {data.feeds === 0 && <p className="muted">{T.noFeeds}</p>}
      {data.failingFeeds.length > 0 && (
        <div className="failing-feeds" role="alert">
          <strong>{T.failing(data.failingFeeds.length)}</strong>
          <ul>{data.failingFeeds.map((f) => <li key={f.id}><button className="link" onClick={() => go('watch/feeds')}>{f.name}</button>：{f.lastError}</li>)}</ul>
        </div>
      )}
    </section>
  )
}
