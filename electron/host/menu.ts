/**
 * The application menu, in Chinese. 编辑 carries the standard roles (undo, cut,
 * copy, paste, select all …): without them copy and paste fail in some systems
 * (the keyboard shortcuts are the menu's on macOS and in some Linux desktops).
 * Items that belong to the page (help, 关于, printing the manual, locking) are
 * sent to it as a `menu` event; the page knows who is logged in and what to show.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../contract/types';

export interface MenuActions {
  /** Development builds keep 开发者工具; the packaged app has none. */
  devTools: boolean;
  send(command: MenuCommand): void;
}

export function menuTemplate({ devTools, send }: MenuActions): MenuItemConstructorOptions[] {
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(command),
  });
  return [
    {
      label: '文件(&F)',
      submenu: [
        item('打印用户手册…', 'print-manual'),
        { type: 'separator' },
        item('锁定工作台', 'lock', 'CmdOrCtrl+L'),
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '粘贴为纯文本', role: 'pasteAndMatchStyle' },
        { label: '删除', role: 'delete' },
        { label: '全选', role: 'selectAll' },
        { type: 'separator' },
        item('查找', 'find', 'CmdOrCtrl+F'),
      ],
    },
    {
      label: '视图(&V)',
      submenu: [
        { label: '重新载入', role: 'reload' },
        { type: 'separator' },
        { label: '放大', role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        ...(devTools ? [{ type: 'separator' as const }, { label: '开发者工具', role: 'toggleDevTools' as const }] : []),
      ],
    },
    {
      label: '帮助(&H)',
      submenu: [
        item('本页帮助', 'page-help', 'F1'),
        item('用户手册', 'manual'),
        item('键盘快捷键', 'shortcuts'),
        { type: 'separator' },
        item('诊断信息', 'diagnostics'),
        item('关于信用工作台', 'about'),
      ],
    },
  ];
}
