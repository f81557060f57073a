import { useState } from 'react'
import { fieldErrors } from '../../api'
import { useDirty } from '../../unsaved'
import { offerUndo } from '../Toast'
import type { DeskError, Envelope } from '../../../../shared/contract'

/**
 * The edit-one-row-of-a-registry flow shared by 媒体名录 and 账号阵地: a draft form that is cleared after a
 * successful save; 删除 that asks first in the page's own dialog (`removing`, naming the row) and then offers 撤销
 * (the row back under its own id); the last error shown beside its field. The list reloads by itself (useQuery
 * follows what each call changed).
 */
export function useRegistryEditor<D, R extends { id: number; name: string }>(o: {
  blank: D
  save: (draft: D) => Promise<Envelope<unknown>>
  remove: (row: R) => Promise<Envelope<unknown>>
  restore: (row: R) => Promise<Envelope<unknown>>
  /** The toast after a delete, e.g. 已从名录中删除“河北日报”. */
  removed: (name: string) => string
}) {
  const [draft, setDraft] = useState<D>(o.blank)
  const [error, setError] = useState<DeskError | null>(null)
  const [removing, setRemoving] = useState<R | null>(null)
  const [removeError, setRemoveError] = useState<string | null>(null)
  // A row loaded for 修改 starts clean; what is typed after that is asked about before leaving the page.
  useDirty(draft, (draft as { id?: number }).id)
  return {
    draft,
    setDraft,
    error,
    errs: fieldErrors(error),
    async save() {
      const r = await o.save(draft)
      setError(r.ok ? null : r.error)
      if (r.ok) setDraft(o.blank)
    },
    /** The row 删除 was pressed on, while the dialog asks. */
    removing,
    removeError,
    ask(row: R) {
      setRemoveError(null)
      setRemoving(row)
    },
    cancelRemove: () => setRemoving(null),
    async confirmRemove() {
      if (!removing) return
      const row = removing
      const r = await o.remove(row)
      if (!r.ok) return setRemoveError(r.error.message)
      setRemoving(null)
      offerUndo(o.removed(row.name), () => o.restore(row))
    }
  }
}
