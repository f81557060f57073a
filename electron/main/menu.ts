import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'

/** The Chinese application menu. Section shortcuts tell the page which section to show. */
export function buildMenu(getWindow: () => BrowserWindow | null): Menu {
  const go = (section: string) => () => getWindow()?.webContents.send('desk:navigate', section)
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [{ label: '新建台账记录', accelerator: 'CmdOrCtrl+N', click: go('ledger/new') }, { type: 'separator' }, { role: 'quit', label: '退出' }]
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' }
      ]
    },
    {
      label: '视图',
      submenu: [
        { label: '工作台', accelerator: 'CmdOrCtrl+1', click: go('dashboard') },
        { label: '台账', accelerator: 'CmdOrCtrl+2', click: go('ledger') },
        { label: '舆情', accelerator: 'CmdOrCtrl+3', click: go('watch') },
        { label: '统计', accelerator: 'CmdOrCtrl+4', click: go('tally') },
        { type: 'separator' },
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { role: 'togglefullscreen', label: '全屏' }
      ]
    },
    { label: '窗口', submenu: [{ role: 'minimize', label: '最小化' }, { role: 'close', label: '关闭' }] },
    { label: '帮助', submenu: [{ label: '关于宣传舆情工作台', role: 'about' }] }
  ]
  return Menu.buildFromTemplate(template)
}
