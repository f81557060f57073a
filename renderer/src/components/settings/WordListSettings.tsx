// 设置 › 医院信息 › 主题标签: the themes offered when tagging a piece (民族团结, 健康科普 …).
import { useEffect, useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import { Field, splitList } from '../Field'
import type { DeskError } from '../../../../shared/contract'

const T = { title: '主题标签', hint: '新建台账时可选的主题，用顿号分隔。带“健康科普”“专家坐诊”等医学主题的稿件审核时会加入医务科。', save: '保存', saved: '已保存' }

export function ThemesSettings() {
  const q = useQuery('theme-list', {})
  const [text, setText] = useState('')
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    if (q.data) setText(q.data.join('、'))
  }, [q.data])
  async function save() {
    const r = await invoke('theme-save', { themes: splitList(text) })
    setError(r.ok ? null : r.error)
    setSaved(r.ok)
  }
  return (
    <form className="card" aria-label={T.title} onSubmit={(e) => (e.preventDefault(), void save())}>
      <h2>{T.title}</h2>
      <Field label={T.title} name="themes" error={error?.message} hint={T.hint}>
        <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <div className="actions">
        <button type="submit" className="primary">{T.save}</button>
        {saved && <span className="ok-text">{T.saved}</span>}
      </div>
    </form>
  )
}
