// The keyboard shortcuts of the shell and their help panel (opened with ? or the 快捷键 button), both from KEYMAP.
import { useState } from 'react'
import { KEYMAP, runShortcut, useKeymap, useShortcut } from '../keymap'
import { Dialog } from './Overlay'

const T = {
  title: '快捷键',
  intro: '在输入框中打字时，单个字母的快捷键不起作用；按 Esc 关闭抽屉和对话框（有未保存的内容时会先询问）。',
  cols: ['按键', '作用', '适用于'],
  or: ' 或 ',
  close: '关闭',
  esc: { keys: ['Esc'], label: '关闭抽屉或对话框', where: '抽屉、对话框' },
  tab: { keys: ['Tab', 'Shift+Tab'], label: '在抽屉或对话框内切换输入项', where: '抽屉、对话框' }
}

export function openShortcutHelp(): void {
  runShortcut('help')
}

export function Shortcuts({ go }: { go: (path: string) => void }) {
  const [open, setOpen] = useState(false)
  useShortcut('help', () => setOpen(true))
  useKeymap({
    'new-piece': { go: () => go('ledger/new') },
    search: { go: () => go('ledger'), handledThere: true }
  })
  if (!open) return null
  const rows = [...KEYMAP, T.esc, T.tab]
  return (
    <Dialog label={T.title} className="modal shortcut-help" onClose={() => setOpen(false)} focusPanel>
      {(close) => (
        <>
          <h2>{T.title}</h2>
          <p className="muted small">{T.intro}</p>
          <table className="table compact">
            <thead><tr>{T.cols.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.label}>
                  <td className="nowrap">{s.keys.map((k, i) => <span key={k}>{i > 0 && T.or}<kbd>{k}</kbd></span>)}</td>
                  <td>{s.label}</td>
                  <td className="muted">{s.where}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions"><button type="button" onClick={close}>{T.close}</button></div>
        </>
      )}
    </Dialog>
  )
}
