// 审核记录: every round, newest first, each step with who decided (代录 named as such), when and the comment.
import { DECISION_LABELS, when } from './labels'
import { deciderLabel } from '../../../../shared/workflow'
import type { ReviewState } from '../../../../shared/contract/review'

const T = { history: '审核记录', round: (n: number) => `第 ${n} 轮`, none: '还没有审核记录。' }

export function ReviewTrail({ state }: { state: ReviewState | null }) {
  return (
    <>
      <h3>{T.history}</h3>
      {state && state.rounds.length === 0 && <p className="muted small">{T.none}</p>}
      <ol className="rounds">
        {[...(state?.rounds ?? [])].reverse().map((r) => (
          <li key={r.round}>
            <div className="round-title">{T.round(r.round)}</div>
            <table>
              <tbody>
                {r.rows.map((row) => (
                  <tr key={row.id}>
                    <td>{row.stepName}</td>
                    <td className={`decision-${row.decision}`}>{row.step === 0 ? '' : (DECISION_LABELS[row.decision] ?? row.decision)}</td>
                    <td className={row.proxy ? 'proxy-mark' : undefined}>{deciderLabel(row)}</td>
                    <td className="muted">{row.decision === 'waiting' ? '' : when(row.at)}</td>
                    <td>{row.step === 0 ? '' : row.comment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ol>
    </>
  )
}
