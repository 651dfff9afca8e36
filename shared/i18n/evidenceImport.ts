// Texts of the streamed evidence import (progress, its refusals) and of the phone intake.
// Error keys are translated under `error.` like every other back-end error.
export const evidenceImportMessages = {
  'zh-CN': {
    shell: {
      crash: {
        message: 'SelfCheck 遇到意外错误。',
        detail: '已保存的内容不受影响。如果再次出现，请把下面的文字（或日志文件 {{log}}）发给技术支持人员。',
        copy: '复制错误信息',
        close: '关闭',
      },
      quit: {
        message: '导出仍在进行中。',
        detail: '可以等导出完成后再退出，也可以取消导出（不会在U盘上留下不完整的文件）。',
        wait: '完成后退出',
        cancel: '取消导出并退出',
        stay: '继续使用',
      },
    },
    error: {
      'evidence.vanished': '“{{name}}”在添加之前已被移动或删除，未添加。请确认文件仍在原处后重新选择。',
      'evidence.changedWhileReading': '“{{name}}”在读取时发生了变化（可能仍在复制中或存储卡被拔出），未添加。请稍后重试。',
      'evidence.truncatedImage': '图片“{{name}}”不完整或已损坏（文件可能在复制或传输中被截断），未添加。请重新从相机或手机导出该照片。',
      'evidence.tooLarge': '“{{name}}”超过了 {{limitMb}} MB 的上限，未添加。',
      'evidence.pathDesktopOnly': '只有桌面版可以按文件路径添加材料；网页版请使用“添加文件”按钮。',
      'intake.closed': '手机上传已关闭或已过期。请在电脑上重新打开二维码。',
      'intake.badToken': '此上传链接无效或已用过。请在电脑上重新打开二维码。',
      'intake.notPhoto': '“{{name}}”不是照片或视频，手机上传只接收照片和视频，未添加。',
      'intake.noAddress': '找不到本机的局域网地址（电脑未连接网络？）。请连接学校网络，或在“设置”中填写本机局域网地址。',
    },
    intake: {
      open: '从手机添加照片',
      title: '用手机扫码上传照片',
      help: '手机和这台电脑需连接同一个网络（如学校 Wi-Fi）。用手机相机或微信扫描二维码，选择照片后点“上传”。',
      expires: '二维码将在 {{minutes}} 分钟后失效，失效后自动停止接收。',
      received: '已收到 {{count}} 个文件。',
      stop: '停止接收',
      stopped: '手机上传已停止。',
      address: '手机访问地址：{{url}}',
      noLan: '未找到局域网地址。请在“设置”中填写本机的局域网地址，或将手机与电脑连接到同一网络。',
      failed: '无法开启手机上传：{{message}}',
    },
  },
  en: {
    shell: {
      crash: {
        message: 'SelfCheck ran into an unexpected error.',
        detail: 'Your saved work is kept. If it happens again, send the text below (or the log file {{log}}) to your support person.',
        copy: 'Copy error text',
        close: 'Close',
      },
      quit: {
        message: 'An export is still running.',
        detail: 'Let it finish and then quit, or cancel it (nothing is left half-written on the drive).',
        wait: 'Finish, then quit',
        cancel: 'Cancel export and quit',
        stay: 'Keep working',
      },
    },
    error: {
      'evidence.vanished': '"{{name}}" was moved or deleted before it was added. Check the file is still there and choose it again.',
      'evidence.changedWhileReading': '"{{name}}" changed while it was being read (still being copied, or the card was removed). Nothing was added; try again.',
      'evidence.truncatedImage': 'The photo "{{name}}" is incomplete or damaged (perhaps cut off by an interrupted copy or transfer). Nothing was added; export it again from the camera or phone.',
      'evidence.tooLarge': '"{{name}}" is larger than the {{limitMb}} MB limit. Nothing was added.',
      'evidence.pathDesktopOnly': 'Only the desktop app can add a file by its path; in the browser use the "Add files" button.',
      'intake.closed': 'Phone upload is closed or has expired. Open the QR code on the computer again.',
      'intake.badToken': 'This upload link is not valid or has already been used. Open the QR code on the computer again.',
      'intake.notPhoto': '"{{name}}" is not a photo or video; phone upload takes only photos and videos. Nothing was added.',
      'intake.noAddress': 'No local network address was found (is this computer connected?). Connect to the school network, or enter this computer\u2019s LAN address in Settings.',
    },
    intake: {
      open: 'Add photos from a phone',
      title: 'Scan to upload photos from a phone',
      help: 'The phone and this computer must be on the same network (for example the school Wi-Fi). Scan the code with the phone camera or WeChat, pick photos and tap "Upload".',
      expires: 'The code expires in {{minutes}} minutes; after that nothing more is received.',
      received: '{{count}} file(s) received.',
      stop: 'Stop receiving',
      stopped: 'Phone upload stopped.',
      address: 'Address for the phone: {{url}}',
      noLan: 'No local network address was found. Enter this computer\u2019s LAN address in Settings, or connect the phone and computer to the same network.',
      failed: 'Could not start phone upload: {{message}}',
    },
  },
};
