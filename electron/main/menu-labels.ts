/**
 * The application menu's own words, in the languages the renderer speaks. Main has no
 * i18next (the renderer bundles it), and these few lines do not justify loading it here;
 * roles (Edit, Window…) are worded by the operating system.
 */
export interface MenuLabels {
  file: string;
  newConnection: string;
  toggleConnection: string;
  publish: string;
  settings: string;
  view: string;
  togglePackets: string;
  help: string;
  about: string;
  aboutDetail: (version: string, versions: string) => string;
  ok: string;
  saveTitle: string;
  recordTitle: string;
  openRecordingTitle: string;
  exportFiles: string;
  recordingFiles: string;
  jsonLinesFiles: string;
  jsonFiles: string;
  allFiles: string;
  notifyDropped: (url: string) => string;
  notifyWatched: (filter: string) => string;
}

const en: MenuLabels = {
  file: 'File',
  newConnection: 'New Connection',
  toggleConnection: 'Connect / Disconnect',
  publish: 'Publish',
  settings: 'Settings…',
  view: 'View',
  togglePackets: 'Toggle Packets',
  help: 'Help',
  about: 'About MQScope',
  aboutDetail: (version, versions) =>
    `MQScope ${version}\n${versions}\n\n` +
    'MQScope does not update itself and checks no update server. To get a newer version, ' +
    'install a newer installer from where you got this one, or build one from the ' +
    'repository: git pull, then npm run dist.',
  ok: 'OK',
  saveTitle: 'Save',
  recordTitle: 'Record to file',
  openRecordingTitle: 'Open a recording',
  exportFiles: 'MQScope export',
  recordingFiles: 'MQScope recording',
  jsonLinesFiles: 'JSON Lines',
  jsonFiles: 'JSON',
  allFiles: 'All files',
  notifyDropped: (url) => `Connection lost: ${url}`,
  notifyWatched: (filter) => `New message on ${filter}`,
};

const zhCN: MenuLabels = {
  file: '文件',
  newConnection: '新建连接',
  toggleConnection: '连接 / 断开',
  publish: '发布',
  settings: '设置…',
  view: '视图',
  togglePackets: '显示/隐藏报文',
  help: '帮助',
  about: '关于 MQScope',
  aboutDetail: (version, versions) =>
    `MQScope ${version}\n${versions}\n\n` +
    'MQScope 不会自动更新，也不连接任何更新服务器。如需新版本，请从获取本安装包的地方' +
    '下载更新的安装包，或在代码仓库中执行 git pull 后运行 npm run dist 自行构建。',
  ok: '确定',
  saveTitle: '保存',
  recordTitle: '录制到文件',
  openRecordingTitle: '打开录制文件',
  exportFiles: 'MQScope 导出文件',
  recordingFiles: 'MQScope 录制文件',
  jsonLinesFiles: 'JSON Lines',
  jsonFiles: 'JSON',
  allFiles: '所有文件',
  notifyDropped: (url) => `连接已断开：${url}`,
  notifyWatched: (filter) => `${filter} 收到新消息`,
};

/** Simplified Chinese for any zh locale except the traditional ones; English otherwise. */
export function menuLabels(locale: string): MenuLabels {
  const lower = locale.toLowerCase();
  const traditional = /^zh-(tw|hk|mo|hant)/.test(lower);
  return lower.startsWith('zh') && !traditional ? zhCN : en;
}
