// One way to write a large xlsx without one long blocking step: exceljs's streaming writer commits each row as it
// is added and zips as it streams; `finish()` gives the file's bytes.
import ExcelJS from 'exceljs'
import { PassThrough } from 'node:stream'

export function streamedWorkbook(): { wb: ExcelJS.stream.xlsx.WorkbookWriter; finish: () => Promise<Buffer> } {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve)
    stream.on('error', reject)
  })
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
  wb.creator = '宣传舆情工作台'
  return {
    wb,
    async finish() {
      await wb.commit()
      await ended
      return Buffer.concat(chunks)
    }
  }
}
