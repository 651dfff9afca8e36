// Texts of the local web mode's session (the page shown without a valid session, the
// server's refusals) and of the page shown for an address the app cannot read.
// The no-session page is rendered by the server in the language the browser asks for.
export const webSessionMessages = {
  'zh-CN': {
    webSession: {
      title: '请用启动时给出的地址打开学校自评',
      noToken: '这个地址缺少本次运行的访问口令，所以不能打开学校自评的数据。',
      badToken: '这个地址里的访问口令不属于本次运行（可能是上一次启动时的地址）。',
      howTo: '在学校自评所在的电脑上，打开命令行窗口，在程序文件夹里运行 npm start（或 npx selfcheck serve）。它会显示一行“Web mode: http://127.0.0.1:端口/?token=…”，请在这台电脑的浏览器里打开这一整行地址。',
      why: '口令每次启动都会更换，只在这台电脑上有效，用来防止其他网页读取学校的数据。',
      expired: '本次会话已失效（程序可能已重新启动），请用新显示的地址重新打开。',
    },
    error: {
      'web.unauthorized': '未登录或登录已失效，请用程序启动时显示的地址重新打开。',
      'web.origin': '请求来自其他网页，已拒绝。',
    },
    route: {
      badTitle: '无法打开这个地址',
      badBody: '地址（#/ 之后的部分）格式有误，可能是复制时被截断了。',
      crashTitle: '页面出错了',
      crashBody: '这个页面遇到了意外错误，已保存的数据不受影响。',
      home: '返回概览',
    },
  },
  en: {
    webSession: {
      title: 'Open SelfCheck with the address it printed when it started',
      noToken: 'This address lacks this run’s access token, so it cannot open the school’s data.',
      badToken: 'The access token in this address does not belong to this run (it may be the address of an earlier start).',
      howTo: 'On the computer where SelfCheck runs, open a terminal in the program folder and run npm start (or npx selfcheck serve). It prints a line “Web mode: http://127.0.0.1:PORT/?token=…”; open that whole address in a browser on this computer.',
      why: 'The token changes on every start and works only on this computer; it keeps other web pages from reading the school’s data.',
      expired: 'This session has ended (the program may have restarted). Open the newly printed address again.',
    },
    error: {
      'web.unauthorized': 'Not signed in, or the session has ended. Open the address the program printed when it started.',
      'web.origin': 'The request came from another web page and was refused.',
    },
    route: {
      badTitle: 'This address cannot be opened',
      badBody: 'The address (the part after #/) is malformed; it may have been cut off when copied.',
      crashTitle: 'Something went wrong on this page',
      crashBody: 'This page hit an unexpected error. Your saved data is not affected.',
      home: 'Back to the overview',
    },
  },
};
