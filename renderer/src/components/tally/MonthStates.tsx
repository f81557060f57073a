// 各月签阅情况: which months of the report's period the secretary signed, which changed since, which were not
// signed — and which figures the draft uses. The Word appendix (附表3) and the workbook say the same.
import type { MonthSignoff } from '../../../../shared/contract/reports'

const T = {
  title: '各月统计数字签阅情况',
  cols: ['月份', '签阅情况'],
  month: (m: string, withYear: boolean) => `${withYear ? `${m.slice(0, 4)}年` : ''}${Number(m.slice(5, 7))}月`
}

export function MonthStates({ months, basis }: { months: MonthSignoff[]; basis: string }) {
  if (months.length === 0) return null
  const withYear = months[0].month.slice(0, 4) !== months[months.length - 1].month.slice(0, 4)
  return (
    <section className="card month-states" aria-label={T.title}>
      <h3>{T.title}</h3>
      <p className="small">{basis}</p>
      <table className="fig-table compact" aria-label={T.title}>
        <thead><tr>{T.cols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month} className={`ms-${m.state}`} data-testid={`month-${m.month}`}>
              <td className="nowrap"><a href={`#/tally/${m.month}`}>{T.month(m.month, withYear)}</a></td>
              {/* The text of the report itself (services/report/signoffs.ts), so screen and file agree word for word. */}
              <td>{m.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
