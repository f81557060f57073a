// One echarts chart on a canvas. echarts comes from npm (bundled, no CDN) and only sets styles through the CSSOM,
// which our CSP (style-src 'self') allows. Charts follow their box on resize and are redrawn for printing.
import { useEffect, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { EChartsCoreOption } from 'echarts/core'

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer])

/** The desk's palette: brand red first, then colours that stay apart in print. */
export const PALETTE = ['#b3261e', '#1d4ed8', '#16752f', '#a15c00', '#6d28d9', '#0e7490', '#be185d', '#4b5563']

export function EChart({ option, label, testId }: { option: EChartsCoreOption; label: string; testId?: string }) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)

  useEffect(() => {
    const c = echarts.init(box.current!, null, { renderer: 'canvas' })
    chart.current = c
    const resize = () => c.resize()
    const observer = new ResizeObserver(resize)
    observer.observe(box.current!)
    window.addEventListener('beforeprint', resize)
    window.addEventListener('afterprint', resize)
    return () => {
      observer.disconnect()
      window.removeEventListener('beforeprint', resize)
      window.removeEventListener('afterprint', resize)
      c.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption({ color: PALETTE, textStyle: { fontFamily: 'Noto Sans CJK SC, Microsoft YaHei, sans-serif' }, animation: false, ...option }, true)
  }, [option])

  return <div ref={box} className="echart" role="img" aria-label={label} data-testid={testId} />
}
