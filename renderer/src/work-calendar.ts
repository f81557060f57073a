// China's working calendar in the window: the shipped years plus those the office added (设置 › 节假日安排),
// the same WorkCalendar the handlers reckon with.
import { useMemo } from 'react'
import { useQuery } from './hooks'
import { WorkCalendar } from '../../shared/china-calendar'

export function useWorkCalendar(): WorkCalendar {
  const { data } = useQuery('holiday-schedules', {})
  return useMemo(() => new WorkCalendar(data?.added ?? {}), [data])
}
