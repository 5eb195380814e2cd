// Every sentence the bot says, in Simplified Chinese. Other languages get a file of the same
// shape; code refers to keys only.

export interface Hotlines {
  government: string;
  federation: string;
}

export const zhCN = {
  locale: 'zh-CN',
  welcome: {
    lines: [
      '您好，我是“一次办”助手，专门解答残疾人证和残疾人补贴的问题。',
      '您可以直接打字问我，也可以点下面的按钮；想找真人，说“人工”就行。',
    ],
    buttons: ['残疾证怎么办', '要带什么材料', '能领哪些补贴', '转人工'],
  },
  help: (h: Hotlines) =>
    `您可以直接问我，比如“残疾证怎么办”“护理补贴谁能领”。点按钮、打字或者回复按钮前的数字都可以。想找真人，说“人工”，或者拨打${h.government}、${h.federation}。`,
  commands: {
    help: ['帮助', '帮帮我', '怎么用', '使用说明', 'help', '菜单', '你能做什么'],
    human: ['人工', '转人工', '人工客服', '找人工', '真人', '客服'],
    restart: ['重新问', '重新开始', '换个问题'],
  },
  tooLong: (max: number) => `您的消息有点长，我只看得懂${max}个字以内的问题。请用一两句话告诉我您想问什么。`,
  notText: '我现在只看得懂文字。请打字问我，或者点下面的按钮。',
  empty: '我没有收到内容，请再说一遍您想问什么。',
  error: '抱歉，系统出了点问题，请稍后再试，或者拨打12345政务服务热线。',
  answer: {
    source: (source: string) => `依据：${source}`,
    helpful: '有帮助',
    notHelpful: '没帮助',
  },
  clarify: {
    intro: '您想问的是哪一个？点一下或者回复数字：',
    noneOfThese: '都不是',
  },
  notFound: (h: Hotlines) =>
    `抱歉，这个问题我还答不上来，已经记下来请工作人员补充。您可以换个说法再问，或者拨打${h.government}政务服务热线、${h.federation}残联热线，也可以说“人工”。`,
  notFoundButtons: ['转人工', '重新问'],
  restart: '好的，请说您想问的问题。',
  feedback: {
    thanks: '谢谢您的反馈！',
    sorry: '抱歉没帮上忙。您可以换个说法再问，或者说“人工”转人工客服。',
    nothingToRate: '好的。还有什么想问的，直接说就行。',
  },
};

export type Catalogue = typeof zhCN;
