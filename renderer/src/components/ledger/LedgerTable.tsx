// The ledger as a virtualized table: only the rows on screen are in the DOM, and rows are fetched from
// piece-list a page at a time as the officer scrolls, so 100,000 pieces scroll as smoothly as 100.
import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { invoke } from '../../api'
import { useChanges } from '../../hooks'
import { channelLabel, statusLabel } from '../../../../shared/channels'
import type { DeskError } from '../../../../shared/contract'
import type { Piece, PieceFilter } from '../../../../shared/contract/pieces'

const T = {
  table: '台账列表',
  loading: '加载中…',
  empty: '没有符合条件的记录。',
  selectAll: '全选已加载的记录',
  select: (title: string) => `选择：${title}`,
  sortBy: (col: string) => `按${col}排序`,
  backfill: '补录',
  backfillHint: '补录：登记时已完成，未在工作台内送审'
}

export type SortKey = 'date' | 'channel' | 'title' | 'status'
export type LedgerFilter = Omit<PieceFilter, 'offset' | 'limit' | 'sort' | 'desc'>

const COLUMNS: { label: string; sort?: SortKey; width?: number }[] = [
  { label: '日期', sort: 'date', width: 108 },
  { label: '渠道', sort: 'channel', width: 118 },
  { label: '标题', sort: 'title' },
  { label: '状态', sort: 'status', width: 124 },
  { label: '科室', width: 96 },
  { label: '作者', width: 88 },
  { label: '媒体/平台', width: 140 },
  { label: '主题', width: 150 }
]
const PAGE = 200
const ROW_H = 40

interface Cache {
  key: string
  pages: Map<number, Piece[]>
  /** The previous load's pages, shown while a reload brings fresh ones (no flicker after a bulk change). */
  stale: Map<number, Piece[]>
  pending: Set<number>
}

export function LedgerTable(props: {
  filter: LedgerFilter
  sort: SortKey
  desc: boolean
  selected: ReadonlySet<number>
  openId: number | null
  /** Scroll to this piece (when it is off screen) and mark it: a just-saved piece, or one opened by a link. */
  focus: { id: number; n: number } | null
  onSort: (key: SortKey) => void
  onSelect: (ids: number[], on: boolean) => void
  onOpen: (id: number) => void
  onTotal: (n: number | null) => void
}) {
  const { filter, sort, desc, selected, onTotal } = props
  const queryKey = JSON.stringify({ filter, sort, desc })
  // A change to the pieces (a save, a bulk change, an import, another window) loads the pages again in place.
  const key = `${queryKey}#${useChanges('piece-list')}`
  const scrollRef = useRef<HTMLDivElement>(null)
  const cache = useRef<Cache>({ key: '', pages: new Map(), stale: new Map(), pending: new Set() })
  const lastClicked = useRef<number | null>(null)
  const [total, setTotal] = useState<number | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const [, setVersion] = useState(0)

  const load = useCallback(
    (page: number) => {
      const c = cache.current
      if (c.pages.has(page) || c.pending.has(page)) return
      c.pending.add(page)
      void invoke('piece-list', { ...filter, sort, desc, offset: page * PAGE, limit: PAGE }).then((r) => {
        if (cache.current !== c) return // the filter changed meanwhile: this answer is for an old question
        c.pending.delete(page)
        if (!r.ok) return setError(r.error)
        setError(null)
        c.pages.set(page, r.value.rows)
        setTotal(r.value.total)
        setVersion((v) => v + 1)
      })
    },
    [key]
  )

  const lastQuery = useRef('')
  useEffect(() => {
    const sameQuery = lastQuery.current === queryKey
    cache.current = { key, pages: new Map(), stale: sameQuery ? cache.current.pages : new Map(), pending: new Set() }
    lastQuery.current = queryKey
    if (!sameQuery) {
      setTotal(null)
      scrollRef.current?.scrollTo({ top: 0 })
      lastClicked.current = null
    }
    load(0)
  }, [key])

  useEffect(() => onTotal(total), [total])

  const virtualizer = useVirtualizer({ count: total ?? 0, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_H, overscan: 15 })
  const items = virtualizer.getVirtualItems()
  useEffect(() => {
    for (const page of new Set(items.map((i) => Math.floor(i.index / PAGE)))) load(page)
  })

  // Scroll-to-row: ask where the piece sits under the current filter and order, then bring it into view once
  // the table knows enough rows. A row already on screen is left where it is (clicking it must not jump).
  const [target, setTarget] = useState<number | null>(null)
  useEffect(() => {
    const f = props.focus
    if (!f) return
    let live = true
    void invoke('ledger-position', { id: f.id, filter: { ...filter, sort, desc } }).then((r) => {
      if (live && r.ok && r.value.index !== null) setTarget(r.value.index)
    })
    return () => {
      live = false
    }
  }, [props.focus?.n])
  useEffect(() => {
    if (target === null || total === null || target >= total) return
    const el = scrollRef.current
    const head = el?.querySelector('thead')?.getBoundingClientRect().height ?? 0
    const top = target * ROW_H
    const visible = el && top >= el.scrollTop && top + ROW_H <= el.scrollTop + el.clientHeight - head
    if (!visible) virtualizer.scrollToIndex(target, { align: 'center' })
    setTarget(null)
  }, [target, total])

  const pieceAt = (index: number): Piece | undefined => {
    const page = Math.floor(index / PAGE)
    const c = cache.current
    return (c.pages.get(page) ?? c.stale.get(page))?.[index % PAGE]
  }
  const loadedIds = (): number[] => [...cache.current.pages.values()].flat().map((p) => p.id)
  const allLoadedSelected = total !== null && total > 0 && loadedIds().every((id) => selected.has(id))

  function toggle(e: MouseEvent<HTMLInputElement>, index: number, piece: Piece): void {
    const on = e.currentTarget.checked
    // Shift-click selects the range from the last clicked row, like a file manager.
    if (e.shiftKey && lastClicked.current !== null) {
      const [a, b] = [Math.min(lastClicked.current, index), Math.max(lastClicked.current, index)]
      const ids: number[] = []
      for (let i = a; i <= b; i++) {
        const p = pieceAt(i)
        if (p) ids.push(p.id)
      }
      props.onSelect(ids, on)
    } else props.onSelect([piece.id], on)
    lastClicked.current = index
  }

  const top = items.length ? items[0].start : 0
  const bottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0
  return (
    <div className="ledger-scroll" ref={scrollRef}>
      {error && <div className="form-error" role="alert">{error.message}</div>}
      <table className="table ledger-table" aria-label={T.table} aria-rowcount={(total ?? 0) + 1}>
        <colgroup>
          <col style={{ width: 40 }} />
          {COLUMNS.map((c) => (
            <col key={c.label} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th className="sel">
              <input type="checkbox" aria-label={T.selectAll} checked={allLoadedSelected} onChange={(e) => props.onSelect(loadedIds(), e.currentTarget.checked)} />
            </th>
            {COLUMNS.map((c) => {
              const active = c.sort === sort
              return (
                <th key={c.label} aria-sort={active ? (desc ? 'descending' : 'ascending') : undefined}>
                  {c.sort ? (
                    <button type="button" className={`sort${active ? ' active' : ''}`} title={T.sortBy(c.label)} onClick={() => props.onSort(c.sort!)}>
                      {c.label}
                      <span aria-hidden className="sort-mark">{active ? (desc ? '▼' : '▲') : '↕'}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {top > 0 && <tr aria-hidden className="spacer" style={{ height: top }} />}
          {items.map((v) => {
            const p = pieceAt(v.index)
            if (!p)
              return (
                <tr key={v.key} aria-rowindex={v.index + 2} style={{ height: ROW_H }} className="placeholder">
                  <td colSpan={COLUMNS.length + 1}>{T.loading}</td>
                </tr>
              )
            const isOpen = props.openId === p.id || props.focus?.id === p.id
            return (
              <tr
                key={v.key}
                aria-rowindex={v.index + 2}
                style={{ height: ROW_H }}
                className={`clickable${selected.has(p.id) ? ' selected' : ''}${isOpen ? ' open' : ''}`}
                aria-selected={selected.has(p.id)}
                onClick={() => props.onOpen(p.id)}
              >
                <td className="sel" onClick={(e) => e.stopPropagation()}>
                  <input type="checkbox" aria-label={T.select(p.title)} checked={selected.has(p.id)} onClick={(e) => toggle(e, v.index, p)} onChange={() => {}} />
                </td>
                <td className="nowrap">{p.date}</td>
                <td className="nowrap"><span className={`chip ch-${p.channel}`}>{channelLabel(p.channel)}</span></td>
                <td className="title-cell">
                  <a href={`#/ledger/${p.id}`} title={p.title} onClick={(e) => e.stopPropagation()}>{p.title}</a>
                </td>
                <td className="nowrap">
                  <span className={`status st-${p.status}`}>{statusLabel(p.status)}</span>
                  {p.backfill && <span className="backfill-tag" title={T.backfillHint}>{T.backfill}</span>}
                </td>
                <td className="clip" title={p.department}>{p.department}</td>
                <td className="clip" title={p.author}>{p.author}</td>
                <td className="clip" title={p.venue}>{p.venue}</td>
                <td className="clip" title={p.themes.join('、')}>{p.themes.join('、')}</td>
              </tr>
            )
          })}
          {bottom > 0 && <tr aria-hidden className="spacer" style={{ height: bottom }} />}
        </tbody>
      </table>
      {total === 0 && <p className="empty">{T.empty}</p>}
    </div>
  )
}
