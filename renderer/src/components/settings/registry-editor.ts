import { useState } from 'react'
import { fieldErrors } from '../../api'
import { useDirty } from '../../unsaved'
import type { DeskError, Envelope } from '../../../../shared/contract'

/**
 * The edit-one-row-of-a-registry flow shared by 媒体名录 and 账号阵地: a draft form that is cleared after a
 * successful save, deletion after a confirm, and the last error shown beside its field. The list reloads by
 * itself (useQuery follows what each call changed).
 */
export function useRegistryEditor<D, R extends { id: number; name: string }>(o: {
  blank: D
  save: (draft: D) => Promise<Envelope<unknown>>
  remove: (row: R) => Promise<Envelope<unknown>>
  confirm: (name: string) => string
}) {
  const [draft, setDraft] = useState<D>(o.blank)
  const [error, setError] = useState<DeskError | null>(null)
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
    async remove(row: R) {
      if (!window.confirm(o.confirm(row.name))) return
      const r = await o.remove(row)
      setError(r.ok ? null : r.error)
    }
  }
}
