// 设置 › 医院信息: the office's word lists — 主题标签 (offered when tagging a piece) and 双语形式 (what 民族团结·双语宣传
// counts). One editor for both: the words separated by 顿号, saved whole.
import { useEffect, useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import { Field, splitList } from '../Field'
import type { DeskError } from '../../../../shared/contract'

const T = {
  save: '保存',
  saved: '已保存',
  themes: { title: '主题标签', hint: '新建台账时可选的主题，用顿号分隔。带“健康科普”“专家坐诊”等医学主题的稿件审核时会加入医务科。' },
  languages: { title: '双语形式', hint: '宣传活动可勾选的双语形式（少数民族语言与汉语），用顿号分隔。只有这里列出的形式计入“民族团结·双语宣传”；其他语言写在记录的“语言说明”中，不计数。' }
}

/** Which list: its text, the handlers that read and save it. */
const LISTS = {
  themes: { list: 'theme-list', save: (words: string[]) => invoke('theme-save', { themes: words }), field: 'themes' },
  languages: { list: 'language-list', save: (words: string[]) => invoke('language-save', { forms: words }), field: 'forms' }
} as const

export function WordListSettings({ which }: { which: keyof typeof LISTS }) {
  const spec = LISTS[which]
  const text = T[which]
  const q = useQuery(spec.list, {})
  const [value, setValue] = useState('')
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    if (q.data) setValue(q.data.join('、'))
  }, [q.data])
  async function save() {
    const r = await spec.save(splitList(value))
    setError(r.ok ? null : r.error)
    setSaved(r.ok)
  }
  return (
    <form className="card" aria-label={text.title} onSubmit={(e) => (e.preventDefault(), void save())}>
      <h2>{text.title}</h2>
      <Field label={text.title} name={spec.field} error={error?.message} hint={text.hint}>
        <textarea rows={2} value={value} onChange={(e) => (setValue(e.target.value), setSaved(false))} />
      </Field>
      <div className="actions">
        <button type="submit" className="primary">{T.save}</button>
        {saved && <span className="ok-text">{T.saved}</span>}
      </div>
    </form>
  )
}
