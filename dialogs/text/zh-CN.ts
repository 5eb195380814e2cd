// Every sentence the bot says, in Simplified Chinese. Other languages get a file of the same
// shape; code refers to keys only.
import type { NextStep } from '../../cases/nextStep.js';
import type { FieldAnswers } from '../fieldQuestions.js';

export interface Hotlines {
  government: string;
  federation: string;
}

/** What follows the appraisal, said of any application at its summary. */
const AFTER_APPRAISAL = '评定完在村（社区）公示5个工作日，县残联10个工作日内审核，一般从评定完到拿到证大约一个月。补贴在证办下来后由各部门审批。每一步都会通知您，也可以随时说“查进度”。';
/**
 * With this bot's SMS off, how an appraisal time is told depends on where the person applied: here it is
 * booked in this chat; at a window or online the government's 一窗式 system has the hospital text the
 * time and the materials (the seed documents). Policy answers say both.
 */
/** To someone applying in this chat (in the form) only their way is said (see `smsOff`). */
const BOOKED_HERE_ONLY = '评定时间在这个聊天里约';
const BOOKED_HERE = `在这里申请的，${BOOKED_HERE_ONLY}`;
const TEXTED_ELSEWHERE = '在窗口或网上申请的，医院会发短信告诉您评定时间和要带的材料';
const LEFT_HOME = '您登记了上门评定，预审通过后医院会打电话约上门的时间，不用去医院；';

const application = {
  start: '好的，我们一起填一张申请表，每样只问一次。中途可以随时说“帮助”“返回”“取消”或“人工”。',
  /** Asked whether this chat can fill the form ("能帮我把表填了不"): it can; the window is the other way. */
  fillHere: '可以，就在这里填：我一项一项问，您回答就行，填好直接网上提交，不用先去领表。也可以带身份证、户口本到县政务服务中心综合窗口，工作人员当面帮您填。现在开始填吗？',
  applyButton: '我要申请',
  /** Said before the answer to where one applies ("在哪办", "残疾证去哪申请"): this chat takes the application too. */
  appliedHere: '在这里就能申请：说“我要申请”，我一项一项问您，填好直接网上提交。',
  /** Said after "您想问的是哪一个" to a where-to-apply question that gets a choice ("在哪办"). */
  appliedHereAmong: '想在这里直接申请的，点“我要申请”。',
  consent:
    '先说明一下：办理需要申请人的姓名、身份证号、电话、户籍、地址和残疾情况，只用于这次办理，由残联、民政、人社、教育部门按规定使用。您同意吗？',
  consentButtons: ['同意', '不同意'],
  consentDeclined: '好的，不填了，刚才的信息一条都没有保存。有问题随时问我。',
  /** Questions about the consent, answered before it is asked again. */
  consentAnswers: {
    why: '这张表一次交给残联、民政、人社、教育几个部门同时审批，各部门要用的信息合在一起只填一次，就不用您一个部门一个部门地跑、重复填。信息只用于这次办理，只在经办部门之间按规定共享，工作人员有保密义务。',
    refuse: '不同意的话，就不能在这里网上填表了，刚才的信息也不会保存。也可以带身份证、户口本到县政务服务中心综合窗口当面办。',
    /** "没有", "不知道": no yes or no; said what the consent is for, and asked again. */
    none: '没有您的同意，申请就没法提交：这些信息只用于这次办理。同意就点“同意”；不想在这里填，点“不同意”，也可以到县政务服务中心综合窗口当面办。',
  } as FieldAnswers,
  resumeAsk: (date?: string) => `您${date ? `在${date}` : ''}有一份没填完的申请，要接着填吗？`,
  resumeButtons: ['接着填', '重新开始'],
  resumed: '好的，接着上次的往下填。',
  expired: '您上次没填完的申请已经超过30天，按规定删掉了，我们重新开始。',
  continueAfterAnswer: '我们接着填：',
  help: (example: string) => `这一步要填的就是上面这个问题。${example}也可以说“返回”改上一项、“取消”不办了、“人工”找工作人员。`,
  cancelConfirm: '确定不办了吗？已经填的内容会删除。',
  cancelButtons: ['确定不办了', '继续填'],
  cancelled: '好的，这次申请已经取消，填过的内容都删除了。',
  tooManyTries: '好像不太顺利，我换个方式帮您：',
  tooManyTriesButtons: ['再试一次', '转人工', '不办了'],
  humanKept: '您填的内容已经保存，以后说“继续上次的申请”就能接着填。',
  /** "等会再说", "先不填了" in the form: the draft is kept. */
  paused: '好的，先不填了。填过的内容都保存着，30天内说“继续上次的申请”就能接着填。',
  roles: { self: '给我自己', proxy: '替家人或被监护人' },
  roleSynonyms: { self: ['本人', '自己', '我自己', '我', '自己办'], proxy: ['家人', '代办', '替', '帮', '孩子', '父母', '老人', '家属', '监护'] },
  relations: ['父母', '子女', '配偶', '兄弟姐妹', '法定监护人', '其他亲属'],
  guardianRelations: ['父母', '配偶', '子女', '其他近亲属', '村（居）委会或民政部门'],
  itemOptions: {
    'cert-new': '残疾人证（第一次办）',
    'cert-other': '残疾人证换领、补办、迁移、变更或注销',
    'living-allowance': '困难残疾人生活补贴',
    'care-allowance': '重度残疾人护理补贴',
    employment: '就业帮扶',
    'pension-help': '城乡居民养老保险补助',
    'education-grant': '残疾学生教育补贴',
    'fuel-subsidy': '机动轮椅车燃油补贴',
  },
  itemSynonyms: {
    'cert-new': ['办证', '新办', '办残疾证', '残疾证', '残疾人证', '第一次办', '新证', '证'],
    'cert-renew': ['换领', '换证', '到期', '换新证'],
    'cert-replace': ['补办', '挂失', '丢了', '补证'],
    'cert-transfer': ['迁移', '户口迁', '迁证'],
    'cert-change': ['变更', '改等级', '改类别', '等级变更', '类别变更'],
    'cert-cancel': ['注销'],
    'living-allowance': ['生活补贴', '生活补助', '困难补贴', '低保'],
    'care-allowance': ['护理补贴', '护理补助', '护理费'],
    employment: ['就业', '找工作'],
    'emp-unemployment': ['失业登记', '失业'],
    'emp-hardship': ['就业困难', '就业困难人员', '困难人员认定'],
    'emp-social-card': ['社保卡', '社会保障卡'],
    'pension-help': ['养老保险', '养老', '保险补助'],
    'education-grant': ['教育补贴', '上学', '学生', '助学'],
    'fuel-subsidy': ['燃油补贴', '燃油', '油补', '轮椅车'],
  } as Record<string, string[]>,
  itemNames: {
    'cert-new': '残疾人证新办',
    'cert-renew': '残疾人证换领',
    'cert-replace': '残疾人证挂失补办',
    'cert-transfer': '残疾人证迁移',
    'cert-change': '残疾人证类别/等级变更',
    'cert-cancel': '残疾人证注销',
    'living-allowance': '困难残疾人生活补贴',
    'care-allowance': '重度残疾人护理补贴',
    'emp-unemployment': '失业登记',
    'emp-hardship': '就业困难人员认定',
    'emp-social-card': '社会保障卡申领',
    'pension-help': '城乡居民养老保险补助',
    'education-grant': '残疾学生教育专项补贴',
    'fuel-subsidy': '机动轮椅车燃油补贴',
  } as Record<string, string>,
  itemExplain: {
    'cert-new': '残疾人证：第一次办证，要先到定点医院做残疾评定。',
    'cert-other': '已经有证的：到期换新、丢了补办、户口迁了随迁、等级或类别变了重新评、不需要了注销。',
    'living-allowance': '困难残疾人生活补贴：低保家庭里的残疾人每月领的生活补贴，民政部门审批。',
    'care-allowance': '重度残疾人护理补贴：一级、二级需要长期照护的，每月领护理补贴；智力、精神类三级、四级能不能领，要看本县规定。',
    employment: '就业帮扶：人社部门办的失业登记、就业困难人员认定和社保卡申领。',
    'pension-help': '城乡居民养老保险补助：符合条件的残疾人，政府帮着交最低档的养老保险费。',
    'education-grant': '残疾学生教育补贴：上高中、中职、大学的残疾学生可以申请的教育补贴。',
    'fuel-subsidy': '燃油补贴：自己用机动轮椅车的残疾人，每年领一笔燃油补贴。',
  } as Record<string, string>,
  itemsDone: '选好了',
  itemsDoneWords: ['选好了', '好了', '就这些', '没有了', '没了', '不要了', '就这样', '完成', '没有别的', '没别的', '没别的了', '够了'],
  /** Said with the picks, they end the choosing: "证和护理补贴都要". */
  itemsFinishedWords: ['都要', '就这些', '就这几', '就这样', '选好了', '就办这', '就这俩', '就这两', '就这个', '就行', '就可以', '就够了', '就好了'],
  itemsRemoveWords: ['不要', '去掉', '删掉', '删除', '取消'],
  /** "我妈这种情况能领什么补贴" at the items question: the subsidies, each with who gets it (`lines`, the items' own explanations). */
  itemsWhichSubsidies: (lines: string) =>
    `能领的补贴有这几样，看谁符合：\n${lines}\n这些都要先有残疾人证，还没有的，和办证一起选上就行。拿不准的，说说家里的情况，比如“低保户”“一级、要人照顾”。`,
  /** "都要吧" at the items question, no item named. */
  /** A grade asked or not known at the items question. */
  /** "能评几级" asked at the category: the appraisal decides. */
  gradeAtAppraisal: '能评几级，要到定点医院评定时由医生按国家标准定，现在说不准；评定结果出来会通知您。',
  /** A second category said of a person with one on offer ("她还说不了话" after 肢体). */
  categoryMultiple: (first: string, second: string) => `${first}、${second}两方面都有的，一般按“多重”残疾填，医院会一起评定。`,
  /** Another category named at "先按多重填，对吗？" ("对，先按肢体"): the one named is taken, and said back. */
  categoryTaken: (category: string) => `好，残疾类别先按“${category}”填。`,
  itemsGradeLater: '不用知道几级：等级要到医院评定以后才定。先选要办的事项就行；护理补贴看等级，要等证的补贴会在证办下来后自动接着审。',
  itemsAllAsk: '“都要”是指哪几项？请说出要办的每一项，比如“证和护理补贴”，或者回复数字，比如“1、3、4”。拿不准的，说说情况就行，比如“我家是低保户能领哪个”。',
  /** The channel read from a "can't" ("我不会用手机"), said back so a misreading shows. */
  channelRead: (channel: string) => `好的，按“${channel}”办。`,
  /** Said when a material is named where items are chosen. */
  materialsLater: '材料不用在这一步选，表填完后我会一次告诉您要交哪些。这一步选的是要办的事项。',
  /** Materials in people's words, told apart from items at the items question. */
  materialWords: {
    idCard: ['身份证'],
    hukouBook: ['户口本', '户口簿'],
    photos: ['照片', '相片', '彩照', '寸照'],
    guardianProof: ['监护证明', '监护人证明'],
    medicalRecords: ['病历', '诊断证明'],
    studentProof: ['学生证', '在读证明'],
    wheelchairProof: ['行驶证', '购车凭证', '发票'],
  } as Record<string, string[]>,
  certActionOptions: {
    'cert-renew': '换领（到期或损坏）',
    'cert-replace': '挂失补办',
    'cert-transfer': '迁移（户口迁了）',
    'cert-change': '类别或等级变更',
    'cert-cancel': '注销',
  } as Record<string, string>,
  certConflict: '残疾人证一次只能办一种业务，请只选一种。',
  /** Said when the care allowance is picked, however it is picked. */
  careAllowanceRule: '护理补贴要评上一级、二级，而且需要长期有人照顾才能领；智力、精神类三级、四级能不能领，要看本县规定，由民政部门审核。先给您选上，能不能领看残疾等级。',
  /** "跳过", "这个不要了" at an item's own step: the item is left out. */
  itemDropped: (item: string) => `好的，“${item}”这次先不办。`,
  /** Asked after submitting by someone who chose to pick the certificate up. */
  pickupAnswer: '您选的是自己去领：证办好后到县政务服务中心综合窗口领，记得带身份证。一个人去不方便的话，可以改成邮寄到家（邮费由残联出），要改吗？',
  itemAdded: (item: string) => `好，给您加上“${item}”。`,
  /** The button that takes a picked item off at the items question. */
  itemRemove: (item: string) => `去掉${item}`,
  /** A name typed in Traditional characters, kept as on a mainland ID card. */
  nameSimplified: (name: string) => `姓名按身份证上的写法记作“${name}”，不对的话最后核对时可以改。`,
  /** The certificate taken off by a number or button: confirmed first. */
  certDropAsk: (item: string) => `确定去掉“${item}”吗？护理补贴、生活补贴这些大多要先有残疾人证。`,
  certDropButtons: ['去掉', '不去掉，留着'],
  /** A phone said at another step, kept for the phone field. */
  phoneKept: '好的，电话记下了。',
  phoneChanged: '好的，电话换成刚才说的这个了。',
  /** A landline said beside the mobile given before: progress texts go to a mobile, so it stays. */
  landlineNotKept: '座机先不记了：进度短信要发到手机上，电话还用您之前留的手机号。要换的话，最后核对时说“改电话”。',
  hasCertificateOptions: ['已经有了', '还没有'],
  /** A field's value typed before its question ("城关镇东街12号" at the category): kept, and the question asked again (as `phoneKept` says it of a phone). */
  keptEarly: (field: string) => `好的，${field}记下了。`,
  keptDibao: (yes: boolean) => (yes ? '好的，家里是低保户，记下了。' : '好的，家里不是低保户，记下了。'),
  /** Not on 低保 but low-income, or wanting 民政 to judge: the living allowance stays, as the knowledge base says (照样勾选，由民政审核). */
  keptLowIncome: '好的，家里不是低保、是低收入家庭，记下了。困难残疾人生活补贴给您留着，由民政部门按本县的范围审核。',
  /** Left to 民政 ("让民政看着办"): no low-income status claimed, the allowance kept all the same. */
  keptForMinzheng: '好的，困难残疾人生活补贴先给您留着，能不能领由民政部门按本县的范围审核。',
  /** The 低保 question's buttons: a low-income family is no 低保户, yet may keep the allowance. */
  dibaoOptions: ['是', '不是', '不是低保，是低收入家庭'],
  /** Personal data typed before the consent is answered: not kept, the consent asked again. */
  consentFirst: (field: string) => `${field}等您同意以后再告诉我，现在先不记。`,
  /** "她没有残疾证" said before the certificate is asked about: this one form applies for both. */
  noCertificateYet:
    '没有残疾人证也能申请：这张表就是把办残疾人证和要领的补贴放在一起申请的，在同一张表上勾选，一次交材料。要看残疾等级的补贴（比如护理补贴）等评定出结果、证办下来后接着审，不用再跑一趟。',
  /** "她已经有证了" said before it is asked about: kept, and what that means for the items. */
  certificateHeld: '好的，已经有残疾人证，记下了：申请补贴不用再办证；证要换领、补办的话，在要办的事项里选。',
  certificateAdded: '补贴要先有残疾人证才能发。我把“残疾人证新办”一起加上了，补贴等证办下来后接着办，不用再跑一趟。',
  categories: ['肢体', '视力', '听力', '言语', '智力', '精神', '多重'],
  grades: ['一级', '二级', '三级', '四级'],
  students: { compulsory: '小学或初中', high: '高中或中职', college: '大专或本科', graduate: '研究生', none: '不在读' } as Record<string, string>,
  channels: { online: '网上提交', window: '到窗口办' },
  deliveries: { mail: '邮寄到家', pickup: '自己去领' },
  /** Asking at the channel question for someone to come to the person. */
  homeVisit: {
    appraisal:
      '明白，申请人出门不方便。能做到的是：残疾评定可以申请医生上门（给卧床、行动严重不便去不了医院的，由残联和医院根据情况安排），我先记下，提交时替您登记；材料选“网上提交”，用手机拍照传上来，一趟都不用跑；证办好了可以邮寄到家。',
    beforeItems:
      '明白，申请人出门不方便。办残疾证要做的残疾评定可以申请医生上门（给卧床、行动严重不便去不了医院的，由残联和医院根据情况安排），我先记下，要评定的话提交时替您登记；材料选“网上提交”，用手机拍照传上来，一趟都不用跑；证办好了可以邮寄到家。',
    noAppraisal: '这几项不用做评定，也没有上门收材料这一项：选“网上提交”，用手机拍照传材料，一趟都不用跑；证办好了可以邮寄到家。',
    summaryLine: '上门评定：要（提交时登记，医院会打电话约时间）',
    recorded: '上门评定已经登记了，医院会打电话和您约上门的时间，请保持电话畅通。',
  },
  /** Reached only by SMS or in writing (a deaf applicant): said back, shown on the summary, and noted on the case for staff and the hospital. */
  textOnly: {
    noted: '好，我在申请上注明：只能短信/文字联系，不打电话。评定的时候也会请医院发短信联系。',
    /** With SMS off nothing is texted by the service: the chat is where the person is told (as its answers say). */
    notedInChat: '好，我在申请上注明：只能短信/文字联系，不打电话。办理进度和评定时间都在这个聊天里告诉您，不用接电话。',
    summaryLine: '联系方式：只能短信/文字联系（不打电话）',
    caseNote: '只能短信/文字联系：申请人接不了电话，请发短信联系',
    /** Asked to leave WeChat instead of a phone; `noCalls`: said calls cannot be taken, which is noted too. */
    otherContact: (noCalls: boolean) =>
      `只留微信、QQ这些不行，申请上要留一个手机号，家里人的也可以。${noCalls ? '我在申请上注明：只能短信/文字联系，不打电话。' : ''}`,
    /** The home appraisal registered for someone who cannot take calls. */
    homeRecorded: '上门评定已经登记了，申请上注明了只能短信联系，医院会发短信和您约上门的时间。',
    /** "你们会打电话给我吗" from someone who can only type. */
    noCallsUs: '不会给您打电话。我们就在这个聊天里联系您：申请的进展在这里告诉您；要找工作人员就说“转人工”，工作人员也在这里打字回复您。',
    /** "医院会打电话给俺吗 俺听不见", with the application (being filled, or filed) noted as text-only. */
    noCallsHospital: '不会打电话给您：申请上注明了只能短信/文字联系、不打电话，办事的工作人员都看得到，评定时会请医院发短信联系您。评定的时间也会在这个聊天里告诉您。',
    /** The same with no application yet: how it gets noted. */
    noCallsNoCase: '您还没有申请。填申请表的时候跟我说一声“只能发短信”，我会在申请上注明只能短信/文字联系、不打电话，评定时会请医院发短信联系您。',
  },
  /** How the card is fetched, said at the question before it. */
  deliveryEarly: (delivery: string) => `好的，证办好后“${delivery}”，先记下了。`,
  notifyByOptions: { chat: '这个聊天', sms: '短信', both: '都要' },
  notifyBySynonyms: { chat: ['聊天', '这里', '对话', '微信', '公众号'], sms: ['短信', '发短信', '手机短信', '信息'], both: ['都要', '两个都要', '都行', '都可以'] },
  deliverySynonyms: { mail: ['邮寄', '寄', '寄到家', '寄家里', '寄到家里', '寄过来', '寄给我', '寄回家', '送到家', '快递'], pickup: ['自取', '自己领', '去领', '自己拿', '去拿', '来拿', '自己去'] },
  channelSynonyms: { online: ['网上', '线上', '手机', '网上弄', '在网上'], window: ['窗口', '线下', '现场'] },
  categoryGuessButtons: ['对', '不对，我重新选'],
  /** "我" said to who the guardian is. */
  guardianIsSpeaker: '好的，监护人就是您。请说您身份证上的名字。',
  prompts: {
    role: '这次是给谁申请？',
    relation: '您是申请人的什么人？',
    items: '要办哪几项？可以一次说几项，比如“证和护理补贴都要”。',
    itemsMore: (picked: string) => `已选：${picked}。还要别的吗？`,
    certAction: '残疾人证要办哪种业务？',
    employment: '就业帮扶要办哪几项？可以说几项。',
    hasCertificate: '申请人现在已经有残疾人证了吗？',
    name: '请告诉我申请人（残疾人本人）的姓名。',
    idNumber: '请输入申请人的身份证号（18位）。',
    /** For a child (an age under 18 said before): most children have no ID card, the 户口本 has the number. */
    idNumberMinor: '请输入孩子的身份证号（18位）。孩子没办身份证的，填户口本上孩子那一页的“公民身份号码”。',
    phone: '留一个能联系到您的电话（手机或座机）。',
    notifyBy: '办理进度的通知发到哪里？',
    hukou: '申请人的户口在哪个县（区）？',
    category: '申请人主要是哪一类残疾？',
    categoryGuess: (category: string) => `您说的情况一般算“${category}”残疾，先按${category}填，对吗？（最后以医院评定为准）`,
    grade: '残疾人证上写的是几级？',
    guardianName: '申请人需要法定监护人（未成年人，或智力、精神类残疾）。监护人叫什么名字？',
    guardianId: '监护人的身份证号是多少？',
    guardianRelation: '监护人是申请人的什么人？',
    dibao: '申请人家里是低保户吗？',
    student: '申请人现在在读什么学校？',
    wheelchair: '申请人有自己用的机动轮椅车吗？',
    channel: '材料您想怎么交？',
    delivery: '证办好后，您想怎么拿？',
    address: '请告诉我邮寄地址，写到门牌号。',
    houseNumber: '这个地址还没有门牌号。请补上门牌号或房间号，比如“12号3栋201”；确实没有门牌号就说“没有”。',
  },
  /** Said when the message that started the application also asked how to hand in. */
  opening: {
    channelAsked: {
      online: '可以网上办，不用跑窗口，材料用手机拍照传上来就行。我先给您记上“网上提交”。',
      window: '可以到窗口办。我先给您记上“到窗口办”。',
    } as Record<string, string>,
    /** Said when the opening names a child or an intellectual or mental disability: who applies, and what that takes. */
    guardianNeeded: '孩子（不满18岁）或者智力、精神类残疾的，由法定监护人代为申请，要带监护人的证明材料（监护人的身份证和能看出监护关系的户口本或出生证明）；后面会问监护人的信息。',
  },
  /** Questions about the field being asked, answered by the form before it asks again. */
  fieldAnswers: {
    idNumber: {
      why: '要身份证号，是为了核对申请人的身份和户籍，系统自动核验后网上办就不用再传身份证和户口本，也能避免重复申请。号码只用于这次办理。',
      where: '身份证号在居民身份证正面最下面一行，一共18位，最后一位可能是X；户口本上申请人那一页的“公民身份号码”也是这个号。',
      none: '没有身份证也能办：还没办身份证（比如孩子）或者身份证丢了，填户口本上申请人那一页的“公民身份号码”就行，也是18位。',
    },
    guardianId: {
      why: '要监护人的身份证号，是为了核对监护人的身份，确认由他（她）代为办理。号码只用于这次办理。',
      where: '身份证号在监护人身份证正面最下面一行，一共18位，最后一位可能是X；户口本上也有。',
      none: '监护人身份证不在手边的，看户口本上监护人那一页的“公民身份号码”，也是18位。',
    },
    phone: {
      why: '电话用来通知鉴定时间、补交材料和办理结果，工作人员有事也会打这个电话。号码只用于这次办理。',
      who: '填一个能接通的电话就行：申请人本人的，或者帮忙办的家里人的，都可以。',
      none: '没有手机的话，座机也可以（请带区号），家里人的手机也行。',
    },
    name: {
      where: '填申请人身份证或户口本上的名字，一个字都不能差。',
      why: '要申请人的名字，是为了和身份证号一起核对身份，残疾人证上印的也是这个名字。只用于这次办理。',
    },
    picks: {
      where: '拿不准选哪项的话：第一次办证选“残疾人证（第一次办）”；一级、二级需要人长期照顾的，加“重度残疾人护理补贴”；低保家庭加“困难残疾人生活补贴”。也可以说说情况，比如“我家是低保户能领哪个”。',
    },
    guardianName: {
      where: '监护人一般是父母；申请人成年了的，一般是配偶、成年子女或者其他近亲属，按监护证明上写的填。',
      why: '要监护人的名字，是为了核对由谁代申请人办理、签字，和监护证明对得上。只用于这次办理。',
    },
    hukou: { where: '看户口本首页的“住址”一栏，写的是哪个县（区）就说哪个。' },
    // What an item's own step is for ("这是干啥用的", "这个是啥"): the item, in a sentence or two.
    certAction: {
      what: '这一项是给已经有残疾人证的：到期或坏了换新证、丢了补办、户口迁了跟着迁、等级或类别变了重新评、不用了注销。用不着的话，说“不要了”就行。',
    },
    employment: {
      what: '就业帮扶是人社部门帮残疾人就业的几件事：没工作想找工作的，做失业登记；找工作特别难的，认定为就业困难人员，能得到就业扶持；还有办社保卡。用不着的话，说“不要了”就行。',
    },
    student: {
      what: '问这个，是因为残疾学生教育补贴只给上高中、中职、大专、大学的残疾学生。不在读的，这一项就不用办。',
    },
    wheelchair: {
      what: '问这个，是因为燃油补贴只给自己用机动轮椅车（烧油的残疾人三轮摩托）的残疾人，每年领一笔。没有这种车的，这一项就不用办。',
    },
    category: {
      where: '拿不准类别也没关系：直接说说哪里不方便就行，比如“腿脚不好”“看不清”“说话不清楚”“孩子学东西慢”，我帮您对应；最后以医院评定为准。',
    },
    grade: {
      where: '等级印在残疾人证上，从一级到四级。证不在手边的，可以先问问家里人。',
      what: '问等级，是因为护理补贴要一级、二级，需要长期有人照顾才能领（智力、精神类三级、四级要看本县规定）。等级印在残疾人证上。',
    },
    dibao: {
      where: '家里有低保证（最低生活保障证）就是低保户；拿不准的，可以问问村（社区）。',
      what: '问这个，是因为困难残疾人生活补贴只给低保家庭里的残疾人，每月发，民政部门审批。家里有低保证就是低保户。',
    },
    channel: {
      where: '网上提交：用手机拍照上传材料，一趟都不用跑；到窗口办：带原件去一次县政务服务中心。拿不准就选“网上提交”。',
    },
    delivery: {
      where: '邮寄到家不用跑，邮费由残联出；自己去领要到窗口去一趟，记得带身份证。拿不准就选“邮寄到家”。',
      cost: '邮寄不用您花钱：第一次办证寄证的邮费由残联承担，不是到付。',
    },
    address: {
      where: '写能收到快递的地址，写到门牌号，比如“示范县人民路12号3栋201”。',
      none: '没有能收快递的地址的话，证可以改成自己去领：说“返回”回到上一步，选“自己去领”。',
    },
  } as Record<string, FieldAnswers>,
  examples: {
    role: '比如点“给我自己”。',
    relation: '比如“父母”“子女”。',
    items: '比如“残疾证”，或者“1和4”。',
    certAction: '比如“补办”。',
    employment: '比如“失业登记”。',
    hasCertificate: '有就说“有”，没有就说“没有”。',
    name: '比如“王建国”。',
    idNumber: '身份证正面最下面那一行，18位，最后一位可能是X。',
    phone: '比如13812345678。',
    notifyBy: '不常看这个聊天的，选“短信”，每一步都发到刚才的手机上。',
    hukou: '看户口本首页的住址，比如“示范县”。',
    category: '腿脚不方便选“肢体”，眼睛看不见选“视力”，耳朵听不见选“听力”。',
    grade: '证上印着“一级”到“四级”。',
    guardianName: '一般是父母。',
    guardianId: '18位，最后一位可能是X。',
    guardianRelation: '比如“父母”。',
    dibao: '有低保证就是低保户。',
    student: '比如“大专或本科”。',
    wheelchair: '是指烧油的残疾人机动轮椅车。',
    channel: '网上提交不用跑，窗口办要带原件去一次。',
    delivery: '邮寄不用跑，费用由残联承担。',
    address: '比如“示范县人民路12号3栋2单元501”。',
  },
  errors: {
    choice: '没听明白您选的是哪个，请点按钮，或者回复按钮前面的数字。',
    yesNo: '请回答“是”或者“不是”。',
    confirm: (buttons: readonly string[]) => `请点“${buttons[0]}”或“${buttons[1]}”，也可以回复数字1或2。`,
    name: '姓名好像不对，请只说姓名，比如“王建国”。',
    ownName: '好的，是您本人。请说您自己的名字，和身份证上的一样，比如“王建国”。',
    nameOfApplicant: '这里要填的是申请人（要办证的那一位）的名字，请照身份证上的说，比如“王建国”。',
    idFormat: '身份证号应该是18位数字，最后一位可能是X，请再核对一下。',
    /** A number of the wrong length: how many were typed, and how many are missing or extra. */
    idLength: (typed: number) =>
      `您输入了${typed}位，身份证号是18位（前17位是数字，最后一位是数字或X），${typed < 18 ? `少了${18 - typed}位` : `多了${typed - 18}位`}。请对着身份证再输一遍，刚才填的其他内容都还在。`,
    idChecksum: '身份证号最后一位校验不对，请再核对一下。',
    idBirthDate: '身份证号里的出生日期不对，请再核对一下。',
    guardianSameId: '监护人的身份证号不能和申请人一样，请再核对一下。',
    guardianMinor: '监护人需要年满18周岁，请再核对一下监护人的身份证号。',
    phone: '电话号码格式不对。手机是11位，座机请带区号，比如0791-86123456。',
    hukou: (county: string) =>
      `我们这里只受理户口在${county}的申请。户口在别处的，请到户口所在地的县（区）政务服务中心或残联申请。如果户口就在${county}，请再说一遍。`,
    address: '地址太短了，请写到门牌号，比如“示范县人民路12号”。',
    addressAfterMail: '好的，寄到家里。请告诉我家里的地址，写到门牌号，比如“示范县人民路12号3栋2单元501”。',
    /** A change of the address in words that hold no part of it ("原来那个后面加上 俺家门口那棵树"), at the address asked again. */
    addressPart: '没听明白地址要怎么改。可以说“后面加上二单元”“村名是李庄”这样，或者把整个地址再说一遍。',
    /** "地址写我家的还是我爷爷家的" at the address. */
    addressWhich: '写哪里都行，证寄到这个地址，有人能签收就好：申请人家里或者您家都可以。请告诉我这个地址，写到门牌号。',
    relation: '请说一下关系，比如“父母”“子女”。',
    noItems: '还没选要办的事项，请至少选一项。',
  },
  dropped: {
    'living-allowance': '困难残疾人生活补贴要低保家庭才能申请（本县认定的低收入家庭，也可以由民政审核），这一项这次先不提交。',
    'care-allowance': '护理补贴要一级、二级才能领，这一项这次先不提交。',
    'education-grant': '教育补贴是给在读学生的，这一项这次先不提交。',
    compulsoryEducation:
      '上小学、初中是义务教育，不收学费，这项教育补贴是给上高中、中职、大学的残疾学生的，这次先不提交。孩子上了高中或中职，可以再来申请。其他选的事项照常办。',
    'fuel-subsidy': '燃油补贴是给自己用机动轮椅车的人的，这一项这次先不提交。',
  } as Record<string, string>,
  nothingLeft: '按您说的情况，选的这几项暂时都不符合条件，这次就不提交了。有疑问可以说“人工”。',
  materials: {
    intro: '材料一次说清楚：',
    verified: '系统已自动核验，无需提交：',
    toSubmit: '需要提交：',
    none: '无',
    names: {
      idCard: '居民身份证',
      hukouBook: '户口本',
      form: '申请表（就是这次对话填的）',
      photos: '3张两寸近期免冠白底彩照',
      guardianProof: '法定监护人证明',
      medicalRecords: '就诊病历',
      oldCertificate: '原残疾人证',
      dibao: '低保情况',
      studentProof: '学生证或在读证明',
      wheelchairProof: '机动轮椅车行驶证或购车凭证',
    } as Record<string, string>,
    windowNote: '（到窗口时带原件）',
  },
  summary: {
    intro: '请核对一下：',
    confirm: '确认提交',
    edit: '修改',
    cancel: '取消申请',
    pickField: '要改哪一项？',
    /** What is left to do after submitting, from the application itself ("提交了我还得干啥 要跑几趟"). */
    left: {
      intro: (steps: string) => `提交以后：${steps}每一步都会通知您，也可以随时说“查进度”。`,
      online: '材料在手机上传，不用跑窗口；',
      window: '带上面说的材料原件去一次县政务服务中心综合窗口；',
      hospital: '预审通过后约时间，去一次定点医院做评定；',
      home: LEFT_HOME,
      mail: '证办好后寄到您留的地址。',
      pickup: '证办好后到县政务服务中心综合窗口领。',
    },
    /** `answers.when` for an application with a home appraisal asked for ("提交以后多久有人打电话"): the hospital phones. */
    whenHome: `提交以后：残联先预审；${LEFT_HOME}${AFTER_APPRAISAL}`,
    /** The living allowance asked after at the summary, left out or never picked. */
    livingAsked: '困难残疾人生活补贴先给低保家庭；不是低保、是本县认定的低收入家庭的，也可以申请，由民政部门审核。要加上的话，直接说“把生活补贴加上，我们是低收入户”就行。',
    /** Who goes to the appraisal, asked at the summary ("评定那天孩子要去吗"). */
    appraisalDay: '评定那天申请人本人要到定点医院，由医生当面检查，家里人不能代替，但可以陪着去（孩子由家长陪同）。时间在预审通过后再约，可以挑您方便的那天。',
    appraisalDayHome: '您登记了上门评定：预审通过后医院会打电话约时间，医生到家里来，不用去医院；那天申请人在家就行，家里人可以陪着。',
    /** Where the certificate is picked up, asked at the summary by someone who chose to pick it up ("在哪领 我上班没空"). */
    /** An address given at the summary with the card to be picked up: none is asked then. */
    pickupNoAddress: '您选的是自己去领，证办好后到县政务服务中心综合窗口领，申请表上不用填地址。想寄到家里的话，说“领证方式改成邮寄到家”，再告诉我地址就行。',
    pickupWhere: '您选的是自己去领：证办好后到县政务服务中心综合窗口领，记得带身份证。没空去的话，可以改成邮寄到家（邮费由残联出），不用跑：说“领证方式改成邮寄到家”就行。',
    /** Said when a field is changed in words at the summary, before it is shown again. */
    changedTo: (label: string, value: string) => `好，${label}改成“${value}”了。`,
    /** The value said is the one already there: nothing changed, and none is claimed. */
    unchanged: (label: string, value: string) => `${label}现在就是“${value}”，没有变。`,
    /** A part of a field corrected ("门牌是18号"): the whole new value said back, to be confirmed before it is kept. */
    amendAsk: (label: string, value: string) => `${label}改成“${value}”，对吗？`,
    amendButtons: ['对', '不对'],
    /** "算了不改了" while changing a field: nothing changed. */
    keptAsIs: '好，不改了，还是原来填的。',
    /** The 低保 line as said (the summary, the agent console): a low-income family, or the status left to 民政, says so. */
    dibaoStatus: (f: { dibao?: boolean; lowIncome?: boolean; minzhengChecks?: 'dibao' | 'lowIncome' }) =>
      f.minzhengChecks === 'dibao'
        ? '不清楚，由民政审核'
        : f.minzhengChecks === 'lowIncome'
          ? '否（是不是低收入家庭，由民政审核）'
          : f.lowIncome
            ? '否（低收入家庭，由民政审核）'
            : f.dibao
              ? '是'
              : '否',
    queued: (names: string) => `${names}要等残疾人证办下来才能审批，会自动接着办。`,
    showFullHint: '（身份证号中间几位已隐去，要核对全部号码请说“显示完整号码”。）',
    /** Questions about submitting, asked at the summary: answered before it is shown again. */
    answers: {
      when: `提交以后：残联先预审；要做残疾评定的，医院会发短信约时间。${AFTER_APPRAISAL}`,
      where: '网上提交的，材料在手机上传，不用跑；要做残疾评定的，去一次定点医院（卧床、行动严重不便的可以申请上门评定）。到窗口办的，带原件去一次县政务服务中心。',
      what: '这是您刚填的申请表，提交前请核对一遍：都对就点“确认提交”；哪一项不对就点“修改”；不想办了点“取消申请”。',
      change: '提交前都可以改，点“修改”就行。提交以后发现填错了，打12385或到县政务服务中心综合窗口说明，按要求改正后重新提交，不用从头办。',
    } as FieldAnswers,
    yes: '是',
    no: '否',
  },
  labels: {
    role: '申请人',
    relation: '您和申请人的关系',
    items: '办理事项',
    name: '姓名',
    idNumber: '身份证号',
    phone: '电话',
    notifyBy: '进度通知',
    hukou: '户籍',
    category: '残疾类别',
    grade: '残疾等级',
    guardianName: '监护人姓名',
    guardianId: '监护人身份证号',
    guardianRelation: '监护人关系',
    dibao: '低保户',
    student: '在读情况',
    wheelchair: '机动轮椅车',
    channel: '交材料方式',
    delivery: '领证方式',
    address: '邮寄地址',
  } as Record<string, string>,
  /** Fields in people's words, for "地址不对，要改成…" at the summary. */
  fieldWords: {
    name: ['名字', '姓名'],
    idNumber: ['身份证'],
    phone: ['电话', '手机'],
    hukou: ['户口', '户籍'],
    category: ['类别'],
    grade: ['等级', '级别'],
    channel: ['交材料'],
    delivery: ['领证', '拿证'],
    address: ['地址', '住址', '门牌号', '门牌'],
    dibao: ['低保'],
  } as Record<string, string[]>,
  submitted: (caseNo: string) => `申请已提交，案件号是 ${caseNo}。`,
  /** A window case: where and when to hand in the originals. */
  windowVisit: (name: string, address: string, hours: string, materials: string) =>
    `材料请带原件到${name}（${address}）交，${hours}都可以去：${materials}。`,
  nextSteps:
    '接下来：残联会先预审，每一项同时送到对应部门审批。要做残疾评定的，医院会发短信告诉您时间和要带的东西。以后说“查进度”就能看到办到哪一步了。',
  duplicate: (caseNo: string) => `这个人已经有一份同样的申请在办理中，案件号是 ${caseNo}，不用重复申请。说“查进度”可以看办到哪一步了。`,
  partlyDuplicate: (caseNo: string, names: string) => `${names}已经在案件 ${caseNo} 里办理了，这次不重复提交。`,
  /** The same, when the open case was filed by someone else: its number is not this person's to see. */
  duplicateElsewhere: '这个身份证号已经有一份同样的申请在办理中，不用重复申请。如果是家人替他办的，可以说“帮家人查进度”，用案件号和身份证后6位查看。',
  partlyDuplicateElsewhere: (names: string) => `这个身份证号的${names}已经在办理中了，这次不重复提交。`,
  nameMismatch: '姓名和身份证号没有核对上，这次先不提交。请核对姓名和身份证号：说“继续上次的申请”就能改；或者带身份证到综合窗口办理。',
};

/** What every multi-turn flow says on an interruption. */
const flow = {
  help: '这一步请回答上面的问题，可以点按钮，也可以直接打字。也可以说“返回”回到上一步、“取消”不办了、“人工”找工作人员。',
  helpTyped: '这一步请回答上面的问题，直接打字回复就行。也可以说“返回”回到上一步、“取消”不办了、“人工”找工作人员。',
  continueAfterAnswer: '我们接着来：',
  /** Said back to "你好", "谢谢" in the middle of a flow, before the step again. */
  pleasantries: { greeting: '您好！', thanks: '不客气。' },
  nothingToGoBack: '这已经是第一个问题了。',
  noSuchChoice: (shown: number) => `没有这一项。请点下面的按钮，或者回复按钮前面的数字（1到${shown}）。`,
  cancelled: '好的，这件事先不办了。还有什么想问的，直接说就行。',
  /** "等会再说" in a flow that keeps nothing: it stops, and starts again in the same words. */
  paused: '好的，先到这里。想接着办的时候再跟我说，还有问题也可以直接问。',
  /** "问问我儿子": the step waits for the answer. */
  askAround: '好的，您先问问，问好了直接告诉我，前面说的都还在。',
  /** "等会", "稍等": the step waits. */
  waiting: '好的，不着急，准备好了直接告诉我就行，前面说的都还在。',
  /** "她是我外婆" said at a step about something else. */
  kinNoted: '好的，知道您是替家里人办的。',
  /** "俺自己办 就是俺本人" said at a step about something else. */
  selfNoted: '好的，知道是给您自己办的。',
  /** "不知道", "没有" at a step with no word of its own for them. */
  notKnown: '不清楚也没关系，可以先问问家里人，问好了直接告诉我，前面说的都还在；也可以说“人工”找工作人员帮忙。',
  /** A question asked in the middle of a flow that has several possible answers: named, not offered as buttons (the step's buttons stay). */
  /** What a flow is about when a bare question in it ("要多久") is read: the certificate's application. */
  subject: '办残疾证',
  asideLikely: (question: string) => `您问的可能是“${question}”：`,
  asideOneOf: (questions: string[]) => `您问的是哪一个：${questions.map((q) => `“${q}”`).join('、')}？请把问题说得具体些再问我，我们先接着填。`,
  asideUnknown: (h: Hotlines) => `这个问题我一时答不准，已经记下来请工作人员补充。急的话可以拨打${h.government}或${h.federation}问一问。`,
};

/** The place of someone still waiting for the desk. */
const stillQueued = (ahead: number, minutes: number) =>
  `您还在排队，${ahead ? `前面还有${ahead}位` : '下一位就是您'}，大约还要等${minutes}分钟。不想等了，说“不用了”。`;

/** The live hand-off to the 12345 desk (转人工) and the 好差评 rating after it. */
const handoff = {
  queued: (ahead: number, minutes: number) =>
    `已为您转人工客服，${ahead ? `前面还有${ahead}位` : '下一位就是您'}，大约要等${minutes}分钟。等的时候可以继续问我；不想等了，说“不用了”。`,
  already: (ahead: number, minutes: number) =>
    `您已经在排队了，${ahead ? `前面还有${ahead}位` : '下一位就是您'}，大约还要等${minutes}分钟，不用再排一次。不想等了，说“不用了”。`,
  /** Queued, then saying they cannot phone: the place kept, the reply typed. */
  typedKept: (ahead: number, minutes: number) => `好的，不用接电话：工作人员会在这个聊天里打字回复您。${stillQueued(ahead, minutes)}`,
  /** Queued for a typed reply, asking whether someone will phone: no. */
  typedNoCall: (ahead: number, minutes: number) => `不会给您打电话：工作人员会在这个聊天里打字回复您。${stillQueued(ahead, minutes)}`,
  /** Queued, asking how long the wait is ("要等多久", "啥时候轮到我"): the place and the wait. */
  waitLeft: stillQueued,
  /** What else a question about the queue's wait may hold ("啥时候轮到我", "人工还要等多久"), besides `callbackWords`. */
  queueWords: ['轮到', '排到', '排队', '人工', '客服', '等'],
  /** Asking why nobody has come yet ("人咋还不来", "咋还没人", "轮到我没"): the wait too, asked without 多久. */
  queueNotYetPhrases: ['还不来', '还没来', '不来', '还没人', '没人', '轮到我没', '轮到俺没', '轮到我了没', '轮到俺了没', '还没轮到', '没轮到', '有人了没', '有人了不', '有人了吗', '有人没'],
  /** What else such a question may hold besides the words above: who is awaited, how, and the feeling ("俺着急", "到底"). */
  /** Urging, said alone while queued ("俺着急", "快点吧"): asks after the wait as much as "还要多久". */
  queueHurryWords: ['着急', '急死了', '急', '快点', '赶紧'],
  queueMoodWords: ['没', '着急', '急死了', '急', '快点', '到底', '咋', '怎么', '为啥', '人', '现在', '半天', '好久', '这么久', '吧', '么'],
  alreadyCallback: '您已经约了回电。请留一个电话号码；不需要了，说“不用了”。',
  /** Desk closed, and the person cannot phone (deaf, no speech): kept in the queue, answered in writing. */
  queuedTyped: (hours: string) =>
    `现在人工客服不在线（工作日${hours}）。已经给您排上了，工作人员上班后会在这个聊天里打字回复您，不用接电话。等的时候可以继续问我；不想等了，说“不用了”。`,
  /** Within the desk's hours with nobody signed in: they are at work, so no "上班后" (which reads as tomorrow). */
  nobodyTyped: '现在暂时没有工作人员在线，已经给您排上了，一有人接入就在这个聊天里打字回复您，不用接电话。等的时候可以继续问我；不想等了，说“不用了”。',
  nobodyAskPhone: '现在暂时没有工作人员在线，有人接入后会给您打电话。请发一个联系电话（手机号，或带区号的座机）；不需要的话，说“不用了”。',
  nobodyCallback: (phone: string) => `现在暂时没有工作人员在线，有人接入后会打 ${phone} 给您，请留意接听。`,
  closedAskPhone: (hours: string) =>
    `现在人工客服不在线（工作日${hours}）。工作人员上班后会给您打电话。请发一个联系电话（手机号，或带区号的座机）；不需要的话，说“不用了”。`,
  closedCallback: (hours: string, phone: string) =>
    `现在人工客服不在线（工作日${hours}）。工作人员上班后会打 ${phone} 给您，请留意接听。`,
  askPhone: '好的。请发一个联系电话（手机号，或带区号的座机），工作人员会打给您；不需要的话，说“不用了”。',
  askPhoneAgain: '要约工作人员回电的话，发一个联系电话（手机号，或带区号的座机）就行；不需要的话，说“不用了”。',
  /** Asked while the call-back waits for a phone: when it comes, and whether a landline will do. */
  callbackWhen: (hours: string) => `工作人员上班后（工作日${hours}）按顺序打电话给您，不用一直守着聊天。请发一个联系电话；不需要的话，说“不用了”。`,
  landlineOk: '座机也可以，请连区号一起发，比如0791-86123456；手机号也行。',
  landlineAreaCode: '座机号请连区号一起发，比如0791-86123456，工作人员才打得通。',
  callbackWhenPhrases: ['多久', '多长时间', '什么时候', '啥时候', '多会儿', '几点', '哪天', '几天', '要等', '等多'],
  /** What else a question about the call-back's time may hold ("那大概几点打过来呢"); anything more names another subject ("办证要多久"). */
  callbackWords: ['工作人员', '你们', '他们', '打电话', '回电话', '打过来', '回电', '打给我', '打', '来', '那', '大概', '大约', '一般', '还', '得', '要', '会', '能', '才', '我', '俺', '的', '了', '呢', '啊', '呀', '吗', '嘛', '哦'],
  landlinePhrases: ['座机', '固话', '固定电话', '家里电话', '家里的电话', '家里那个电话'],
  /** Saying one cannot phone ("我是聋人 打不了电话"): the desk answers in writing, never by a call. */
  /** Said of oneself only: "孩子不会说话", "我爸耳朵听不见" are about someone else, who is not the one on the phone. */
  cannotPhonePhrases: ['(我|俺|本人)(耳朵)?(是|也)?(个)?(聋哑人?|聋子|哑巴|聋|哑)', '(我|俺)(耳朵)?(听不见|听不到|听不清)', '(我|俺)(说不了话|不会说话)', '手语', '只能打字', '(打|接)不了电话', '(不能|没法|没办法|不会)(打|接)电话', '电话(打|接)不了', '(打|接)电话(不行|不方便)', '听不(见|到|清)电话', '电话(里)?听不(见|到|清)', '(我|俺)耳朵(不好使|不好|背|不灵)'],
  /**
   * Deaf or without speech said with no one named ("聋哑人 不会说话…", "耳朵不好使"): the speaker's own when the message
   * names nobody else and speaks of phoning, typing or a person.
   */
  bareCannotPhonePhrases: ['聋哑', '聋人', '聋子', '哑巴', '耳朵?(是|也)?(聋|背|不好使|不好|听不见|听不到|听不清)', '听不见', '听不到', '不会说话', '说不了话', '说不出话'],
  /** Asking for someone to answer in writing ("有没有人能打字回俺"): the typed desk is the one wanted. */
  wantsTypedPhrases: ['打字(回|答复|回复|找|跟|和|同|聊|说|交流|沟通)', '(?<![聋哑])人(能|会|可以|来)?打字', '打字的(人|工作人员)'],
  /**
   * Typing here ("就在这打字吧", "只能在这打字问"): a way of contact, said of the desk once a person is asked for;
   * on its own it asks for no one, and typing here is offered, 转人工 a button.
   */
  typesHerePhrases: ['(在这|在这里|在这儿|这边|就)打字'],
  /** Someone who says only that they cannot phone: no number to call, the typed desk offered. */
  typedOffer: '不方便打电话的话，直接在这里打字就行：问题可以问我；要工作人员打字回复您，点“转人工”。',
  typedOfferButton: '转人工',
  callbackBooked: (phone: string) => `好的，已经记下了，工作人员会打 ${phone} 给您，请留意接听。还有问题可以继续问我。`,
  /** The number just said for the call-back, confirmed in the person's words ("就打俺刚才填的那个号"). */
  sameNumberKept: '好的，就打这个号。',
  sameNumberPhrases: [
    '(打|用|拨)(我|俺)?(刚才|刚刚|之前|前面|上面)?(填|留|给|写|说|发)?(的)?(那个|这个|那|这)(号|电话|手机)',
    '(那个|这个)(号码?|电话|手机号?)就?(行|可以|成|中|对|没错)',
    '就(打|用)(这个|那个)',
    '打(这个|那个)就(行|可以|成|中)',
  ],
  left: '好的，不转人工了。有问题随时问我。',
  taken: (agent: string) => `工作人员${agent}已接入，请直接说您的问题。`,
  /** An agent's message as the person sees it, and the name it is shown from. */
  agentSays: (agent: string, said: string) => `工作人员${agent}：${said}`,
  agentName: (agent: string) => `工作人员${agent}`,
  ended: '工作人员已结束这次对话。还有问题随时问我，需要人工再说“转人工”。',
  handedBack: '工作人员已把对话交还给“一次办”助手，您接着问我就行。',
  requeued: '工作人员把您转给其他同事，请稍等。',
  /** The agent has said nothing for a while; a call-back is offered only to someone who can take a call. */
  quiet: (typedOnly: boolean) =>
    `工作人员暂时没有回复，可能在查资料。您可以接着等，也可以说“问机器人”先问我${typedOnly ? '' : '，或者说“回电”等工作人员打电话给您'}。`,
  stillWaiting: '好的，请再稍等一下。',
  backToBot: '好的，您接着问我就行。需要人工再说“转人工”。',
  /**
   * Phrases (patterns) a short message is read by, wherever they stand in it ("算了不等了", "那还是让他打电话给俺吧").
   * Leaving the queue is said in these words, or in any words declining a person (commandPhrases.notHuman).
   */
  leavePhrases: ['不用了', '不排了', '不排队了', '不等了', '不用等', '取消排队', '算了'],
  botPhrases: ['机器人', '问助手', '先问你'],
  callbackPhrases: ['回电', '回个电话', '打电话给(我|俺)', '给(我|俺)打电话', '打给(我|俺)', '电话联系'],
  waitPhrases: ['接着等', '继续等', '再等', '等着', '等一下', '等等', '^等$'],
  /** A file the person sent, on the agent's transcript ("[发来照片 wide.jpg]"). */
  personSent: (photo: boolean, name?: string) => `[发来${photo ? '照片' : '文件'}${name ? ` ${name}` : ''}]`,
  /** On the agent's queue and chat: the person can only read and type. */
  typedOnlyNote: '对方只能打字（听不见或不能说话），请打字回复',
  /** The person only said they would rather type ("俺还是想在这打字说"): no disability claimed for them. */
  typedPreferredNote: '对方想在这里打字沟通，请打字回复',
  reasonNames: { asked: '在线转人工：本人要求', stuck: '在线转人工：办理不顺利', agent: '在线转人工：坐席转回排队' },
  callbackAnswer: '待回电（在线转人工时人工客服不在线）',
  /** An SMS reply that is not an opt-out: it goes on the agents' call-back list with these words. */
  smsReplyQuestion: (text: string) => `短信回复：${text}`,
  smsReplyAnswer: '待回电（申请人回复了进度短信）',
  /** Phrases (patterns) that stop every SMS to the phone, besides TD / 退订 ("我不想收了 别发了"). */
  smsStopPhrases: ['^td', 'td$', '退订', '(不想|不要|不用)再?收', '(不要|别|不用|不想|甭)再?(给|跟)?(我|俺)?(发|寄)', '不要短信', '取消短信', '停止发送', '拒收'],
  stuck: '好像还是不太顺利，我帮您转人工客服。',
};

/** 好差评: the national five-level rating, asked once after a hand-off and at the end of a case. */
const rating = {
  askHandoff: '请为刚才工作人员的服务打个分：5分最满意，1分最不满意。点一下下面的按钮，或者直接回复分数。',
  askCase: (caseNo: string, stage: 'delivered' | 'rejected') =>
    `请为案件 ${caseNo} 的${stage === 'delivered' ? '办理' : '审批'}服务打个分：5分最满意，1分最不满意。点一下下面的按钮，或者直接回复分数。`,
  askComment: '谢谢您的评价！想说说原因的，直接打字告诉我；不说也行，回复“不用了”。',
  askCommentPoor: '谢谢您告诉我们。请说说哪里让您不满意，留个电话的话工作人员会打给您；不说也行，回复“不用了”。',
  thanks: '谢谢，已经记下了。还有问题随时问我。',
  /** A level's button: its points first, the way the question counts them. */
  button: (points: number, level: string) => `${points}分 ${level}`,
  /** Other words for the levels, taken at the start of the answer; none that opens a question (一般要多久, 不好意思). */
  levelWords: {
    非常满意: ['很满意', '特别满意', '十分满意', '非常好', '很好', '好评'],
    满意: ['挺好', '不错', '还不错', '挺满意', '比较满意'],
    基本满意: ['还行', '还可以', '凑合', '马马虎虎', '过得去'],
    不满意: ['不太满意', '差评'],
    非常不满意: ['很不满意', '特别不满意', '十分不满意', '很差', '太差', '特别差'],
  } as Record<string, string[]>,
  /** A bare answer that declines the comment. */
  noComment: ['不用了', '不用', '不说了', '没有', '没了', '算了', '没什么', '没啥'],
  /** Said before a corrected level, while the comment is asked for ("不是，我是说满意"). */
  correctionWords: ['不是', '不对', '说错了', '搞错了', '点错了', '打错了', '我是说', '我说的是', '应该是', '改成', '改为'],
  thanksPoor: (days: number) => `谢谢，已经记下了。工作人员会在${days}个工作日内回访您。`,
  stageNames: { handoff: '在线人工服务', delivered: '办结', rejected: '不予办理' },
  followUpQuestion: (level: string, stage: string, about: string, comment?: string) =>
    `好差评：${stage}评为“${level}”（${about}）${comment ? `。意见：${comment}` : '，没有留意见'}`,
};

/** Handing in materials in the chat, one at a time (dialogs/materials). */
const upload = {
  /** What to send for each material, as one plain request. */
  ask: {
    photos: '请拍一张两寸免冠白底彩照发给我：站在白墙前，正面，不戴帽子，竖着拍。',
    idCard: '请把身份证正面拍照发给我，四个角都拍进去。',
    hukouBook: '请把户口本本人那一页拍照发给我。',
    guardianProof: '请把法定监护人证明拍照或者扫描成PDF发给我。',
    medicalRecords: '请把就诊病历拍照发给我，先发最近一次的那一页。',
    oldCertificate: '请把原来的残疾人证拍照发给我，有照片的那一页。',
    studentProof: '请把学生证或在读证明拍照，或者PDF，发给我。',
    wheelchairProof: '请把机动轮椅车行驶证或购车凭证拍照发给我。',
  } as Record<string, string>,
  /** How to come by a material one says one lacks, where there is a plain way. */
  without: {
    photos: '没有现成的照片也没关系：找一面没有花纹的浅色墙（越白越好），站在前面用手机拍就行；没有合适的墙，挂一条白床单当背景也可以。也可以到附近照相馆拍两寸白底照，再拍下来发给我。实在拍不了，点“稍后再传”，到窗口办理时交3张两寸白底彩照。',
  } as Record<string, string>,
  /** Someone who cannot see, at a material to photograph ("俺看不见 这照片拍不了咋整", "我是盲人 拍不了照"). */
  cannotSee: {
    photos: '看不见也能办，照片不用您自己拍：请家里人或邻居用手机帮您拍一张（人站在白墙前，正面，不戴帽子），再帮您发给我。一时没人帮忙，就点“稍后再传”，评定那天或者到窗口时带3张两寸白底照片交上就行。',
    other: (name: string) => `看不见也能办：请家里人或邻居帮您把${name}拍下来发给我。一时没人帮忙，就点“稍后再传”，以后再传，或者到窗口时带原件交上。`,
  },
  /** Someone typing for a person who cannot see ("俺娘看不见 这照片咋拍"): the one typing takes it. */
  cannotSeeHelping: {
    photos: '看不见也能办，您用手机帮着拍一张就行：让本人站在白墙前，正面，不戴帽子，拍好发给我。一时拍不了，就点“稍后再传”，评定那天或者到窗口时带3张两寸白底照片交上就行。',
    other: (name: string) => `看不见也能办，您帮着把${name}拍下来发给我就行。一时拍不了，就点“稍后再传”，以后再传，或者到窗口时带原件交上。`,
  },
  lyingDownPhoto: '躺着也能拍：在头下和身后铺一条白床单，手机从正上方对着脸拍，正面、不戴帽子，光线亮一点就行。实在拍不了，就点“稍后再传”，评定那天（上门评定也一样）交3张两寸白底照片就行。',
  later: '稍后再传',
  /** `withPhoto`: the two-inch photo is among them, which is taken as a photo only. */
  intro: (count: number, withPhoto: boolean) =>
    `接下来请把要交的${count}份材料发给我，一份一份来，${withPhoto ? '两寸照要发照片，别的材料拍照或PDF都可以' : '拍照或PDF都可以'}。手边没有的，点“稍后再传”。`,
  again: (name: string, reason: string) => `${name}要重新传，原因：${reason}。`,
  received: (name: string) => `收到了${name}。`,
  /** The materials as they are handed in online: one photo file is asked for, not the window's three prints. */
  names: { ...application.materials.names, photos: '两寸免冠白底彩照' } as Record<string, string>,
  onlyFirst: '一次发一份就好，我先收下第一份。',
  problems: {
    tooLarge: (mb: number) => `这个文件太大了，最大${mb}MB。请重新拍一张，或者压缩一下再发。`,
    empty: '这个文件是空的，请再发一次。',
    type: '这种文件我收不了。请发照片（JPG、PNG、HEIC）或者PDF。',
    notPhoto: '两寸照要发照片（JPG、PNG、HEIC），不能用PDF或别的文件。请拍一张竖着的发给我。',
    undecodable: '这张图片打不开，可能传坏了，请重新拍一张发给我。',
    bomb: '这张图片打不开，请重新拍一张发给我。',
    pdfActiveContent: '这个PDF里带有脚本或者会自动运行的内容，为了安全不能收。请把纸质材料拍照发给我，或者另存一份普通的PDF再发。',
    pdfEncrypted: '这个PDF设了密码，打不开。请发没有密码的PDF，或者直接拍照发给我。',
    portraitLandscape: '这张照片是横着的。两寸照要竖着拍，请再拍一张。',
    portraitTooSmall: '这张照片太小了，打印出来不清楚。请用手机后面的摄像头重新拍一张。',
    sameAsRejected: '这还是上次被退回的那个文件。请按退回的原因重新拍一张。',
    usedElsewhere: '这个文件已经作为别的材料交过了，请发这一份材料。',
    notReceived: '文件没有收到，请再发一次。',
  },
  /** `photoOnly`: the two-inch photo's step, which takes photos only. */
  notFile: (name: string, photoOnly = false) => `这一步要的是${name}，请直接发${photoOnly ? '照片' : '图片或PDF'}给我；现在不方便就点“稍后再传”。`,
  allReceived: '要交的材料都收到了，工作人员看过后会告诉您结果。',
  /** `received` empty: nothing has come yet, and no "已收到" line is shown. */
  progress: (received: string, missing: string) => `${received ? `已收到：${received}\n` : ''}还差：${missing}\n以后想传，随时说“补传材料”，每天我也会提醒您一次。`,
  nothingMissing: '您的申请没有要补传的材料。说“查进度”可以看审核情况。',
  noCase: '没有找到您在网上提交、还差材料的申请。在窗口办理的，材料请带到窗口。',
  closed: '这份申请现在不收材料了，有疑问请说“人工”。',
  notNow: '文件先不用发，等问到材料的时候再发给我。',
  whichOne: '收到文件了。为了分清是哪份材料，请按我说的一份一份发。',
  movedOn: '好的，材料可以稍后再传，随时说“补传材料”。',
  /** "照片还没拍 先传病历行不": that one first, the one asked after it. */
  otherFirst: (first: string, later: string) => `好的，先传${first}，${later}晚点再传。`,
  /** Words people use for each material, to hear "先传病历". */
  materialWords: {
    idCard: ['身份证'],
    hukouBook: ['户口'],
    photos: ['照片', '相片', '彩照', '两寸照'],
    guardianProof: ['监护'],
    medicalRecords: ['病历', '诊断'],
    oldCertificate: ['原来的证', '旧证', '老证', '原证'],
    studentProof: ['学生证', '在读'],
    wheelchairProof: ['行驶证', '购车'],
  } as Record<string, string[]>,
  returnedNext: '材料传好了，说“修改退回的申请”就能重新提交。',
  help: '这一步请把我说的那份材料拍照发给我（两寸照只收照片，别的材料也可以发PDF）。点“稍后再传”以后再发，说“人工”找工作人员。',
};

/** Who books a checked case's appraisal, said to the relative who checked it. */
const APPLICANT_BOOKS = '只有提交申请的人能约：请让申请人本人（或者当时帮申请人提交申请的家人）用提交申请的那个账号说“预约鉴定”。约好以后，关注了这个申请的家人也会收到通知。';

const booking = {
  askWhen: '您想哪天去做评定？可以说“下周三上午”“12月1号”，或者“最早什么时候”。',
  askCategory: '要评定的是哪一类残疾？不同类别去的医院不一样。',
  categoryGuess: (category: string) => `您说的情况一般按“${category}”类评定，先按${category}类给您看评定的医院和时间，对吗？（最后以医院评定为准）`,
  noCaseYet: '评定要先提交申请，申请通过预审后再约时间。说“我要申请”就能开始。',
  notAppliedYet: '那就先把申请交上：我在这里一项一项问，您回答就行，填好直接网上提交；预审通过后再约评定时间。现在开始填吗？',
  onlyApplicantBooks: '评定要用提交申请的那个账号来约：请在提交申请的手机上说“预约鉴定”。家里人还没申请的话，说“我要申请”就能开始。',
  /** A relative who has just checked the case asks to book (move, cancel) its appraisal. */
  onlyApplicantBooksCase: (caseNo: string) =>
    `案件${caseNo}的评定${APPLICANT_BOOKS}`,
  /** When a relative asks the day of a case with no booking (none yet, or cancelled): none now, and who books. */
  caseNotBooked: (caseNo: string) =>
    `案件${caseNo}现在没有评定预约。评定${APPLICANT_BOOKS}`,
  /** When the appraisal of a case still before it is, asked by a relative: the review first, then who books. */
  bookAfterReview: (caseNo: string, stage: string) => `案件${caseNo}现在是“${stage}”，预审通过后才能约评定时间。评定${APPLICANT_BOOKS}`,
  /** The same for a case whose home appraisal is asked for: the review first, then the hospital phones. */
  homeAfterReview: (caseNo: string, stage: string, phone: string) =>
    `案件${caseNo}现在是“${stage}”，上门评定已经登记了：要等残联预审通过，医院会打电话到申请时留的号码${phone ? `（${phone}）` : ''}约上门的时间，不用去医院，也不用预约。`,
  afterPreReview: '您的申请还在预审，预审通过后就能在这里预约评定，到时会通知您。',
  earliestInfo: (hospital: string, sessions: string) => `${hospital}最近能约的时间有：${sessions}。`,
  /** A day asked about while only looking at the times (no case to book for): it has places. */
  freeThatDay: (sessions: string) => `${sessions}还有名额。`,
  /** ...or it has none: the nearest that have. */
  nearestFree: (sessions: string) => `离那天最近、还有名额的是：${sessions}。`,
  /** Said once, with the first day asked about, to someone with no application: the times cannot be booked yet. */
  browseOnly: '这些时间现在还约不了：要先提交申请，预审通过后才能在这里约。点“我要申请”就能开始填表。',
  /** The same, to someone whose application is still in pre-review. */
  noSessions: (hospital: string) => `${hospital}最近几周的评定都约满了，请拨打医院电话问问，或者说“人工”。`,
  weekdays: ['一', '二', '三', '四', '五', '六', '日'],
  parts: { am: '上午', pm: '下午' },
  slotLabel: (month: number, day: number, weekday: string, part: string) => `${month}月${day}日（周${weekday}）${part}`,
  past: '这个时间已经过去了，最早只能约明天以后的。',
  tooFar: (weeks: number) => `现在只能约${weeks}周以内的时间。`,
  holiday: (day: string) => `${day}是节假日，医院不做评定。`,
  noSessionThatDay: (day: string, hospital: string) => `${day}${hospital}没有安排评定。`,
  full: (day: string) => `${day}已经约满了。`,
  /** Days turned down in the words ("礼拜四不行", "周四我要去透析 换一天吧"), said back so a misreading shows. */
  notThese: (days: string) => `好，${days}不约。`,
  span: (from: string, to: string) => `${from}到${to}`,
  closed: '这个时间医院临时停诊了。',
  offer: '离您说的时间最近、还有名额的是下面这几个，点一下就能约：',
  offerMore: '换个时间',
  pickPart: '那天上午和下午都能约，您选哪个？',
  confirmWhen: (when: string) => `${when}，对吗？`,
  /** The same confirmation when an existing booking would move there. */
  confirmMove: (when: string) => `改到${when}，对吗？`,
  confirmButtons: ['对', '不对'],
  confirmNotUnderstood: '请说“对”或“不对”，也可以直接说想约的日子。',
  confirmed: (hospital: string, address: string, when: string, bring: string) =>
    `约好了：${when}，${hospital}（${address}）。\n要带：${bring}。\n前一天会提醒您。要改时间就说“改到某天”，不去了就说“取消预约”。`,
  rescheduled: '已经帮您改好了。',
  alreadyBooked: (when: string) => `您已经约了${when}。要改时间就说“改到某天”，要取消就说“取消预约”。`,
  noBooking: '您现在没有评定预约。想约的话说“预约鉴定”。',
  /** Leaving the booking with nothing booked ("取消预约" or "取消" while choosing a day). */
  leftUnbooked: '好的，先不约了，您现在没有评定预约。想约的时候说“预约鉴定”。',
  /** The day booked, told to a relative who checked the case (only the applicant moves it). */
  caseBookedOn: (when: string) => `约的是${when}做评定。要改时间，得由申请人用提交申请的那个账号说“改到某天”。`,
  /** Whether the booking was changed, asked by the applicant or a relative who checked the case, with the day it is on now. */
  movedTo: (when: string, hospital: string) => `改了：现在约的是${when}，${hospital}。`,
  notMoved: (when: string, hospital: string) => `没改，约的还是${when}，${hospital}。`,
  bookedOn: (when: string) => `您约的是${when}做评定。要改时间就说“改到某天”，要取消就说“取消预约”。`,
  notBookedYet: '您现在还没有约好评定，正在约的这个时间确认以后才算约上。',
  /** Where the appraisal is, for the applicant's category. */
  where: (hospital: string, address: string) => `您的评定在${hospital}做，地址是${address}。`,
  /** At what hour to come, asked while booking or after. */
  hour: (hospital: string, phone: string) => `具体几点到，以${hospital}发的短信通知为准；想先问清楚，可以打医院电话${phone}。`,
  /** What to take to the appraisal itself, asked while booking. */
  bring: (hospital: string, bring: string) => `去${hospital}做评定要带：${bring}。`,
  /** The same, for a case whose appraisal is at home: the doctor comes, nothing is taken anywhere. */
  bringHome: (bring: string) => `上门评定不用去医院，医生上门时请准备好：${bring}。`,
  cancelConfirm: (when: string) => `确定取消${when}的评定预约吗？`,
  cancelButtons: ['确定取消', '不取消'],
  cancelled: '已经取消了，名额也让出来了。想重新约随时说“预约鉴定”。',
  kept: '好的，预约保留不变。',
  /** The day said while moving is the one booked: it stays. */
  keptSame: (when: string) => `${when}就是您现在约的时间，不用改，预约保留不变。`,
  homeRecorded: (hospital: string, phone: string) =>
    `已经为您登记了上门鉴定。${hospital}会打电话和您约上门的时间（医院电话${phone}），请保持电话畅通。到时候请准备好身份证、户口本和病历。`,
  homeAlready: '您已经登记过上门鉴定了，医院会打电话和您约时间。',
  /** When the appraisal is, for a case whose home appraisal is asked for (said to the applicant or a relative alike). */
  homeAwaited: (phone: string) => `上门评定已经登记了，还没定日子：医院会打电话到申请时留的号码${phone ? `（${phone}）` : ''}约上门的时间，不用去医院。`,
  /** Asking for the appraisal at home with no application yet. */
  homeNeedsCase:
    '卧床或行动严重不便、去不了医院的，评定可以申请医生上门，由残联和医院根据情况安排。要先提交申请：说“我要申请”，填表时说一声“要上门评定”，提交时一起登记。',
  /** Booking a visit to the hospital by someone who asked for the appraisal at home: one of the two, never both. */
  homeStillWanted: '您之前登记了上门鉴定，医院会打电话和您约上门的时间。还要医生上门吗？不要的话，我把上门鉴定取消，接着帮您约去医院的时间。',
  homeStillButtons: ['还要上门', '不用了，去医院'],
  homeKept: '好的，还是上门鉴定，医院会打电话和您约时间，请保持电话畅通。去医院的时间就不约了。',
  homeWithdrawn: '好的，上门鉴定已经取消了。',
  /** Asking for the appraisal at home with a session booked at the hospital. */
  homeWhileBooked: (when: string) => `您已经约了${when}去医院做评定。去不了的话可以改成上门评定：我把这次预约取消，再给您登记上门，医院会打电话和您约时间。要这样办吗？`,
  homeInsteadButtons: ['改成上门', '还是去医院'],
  homeNotNow: '评定已经做过了，不用再登记上门鉴定。说“查进度”可以看办到哪一步了。',
  notUnderstood: '没听明白是哪天。可以说“下周三上午”“12月1号”，或者点下面的时间。',
  /** The same where no times are shown yet. */
  whenNotUnderstood: '没听明白是哪天。可以说“下周三上午”“12月1号”，或者说“最早什么时候”。',
};

/** The applicant's rights over their data (PIPL): a copy, and deletion. */
const privacy = {
  askCaseNo: '为了确认是您本人，请告诉我您的案件号（YC开头，比如YC202611200001）。',
  askIdTail: '请输入您身份证号的后6位。',
  mismatch: '信息不匹配，请核对后再试。只能查看用这个账号提交的申请；其他情况请带身份证到窗口办理。',
  title: (caseNo: string) => `您在这里留下的个人信息（案件 ${caseNo}）：`,
  person: (name: string, idNumber: string, phone: string, hukou: string) => `姓名：${name}\n身份证号：${idNumber}\n电话：${phone}\n户籍：${hukou}`,
  address: (address: string) => `地址：${address}`,
  mailTo: (address: string) => `证的邮寄地址：${address}`,
  category: (category: string) => `残疾类别：${category}`,
  guardian: (name: string, relation: string) => `监护人：${name}（${relation}）`,
  items: (names: string) => `申请事项：${names}`,
  followers: (n: number) => (n ? `关注这个申请的家人：${n}位` : '没有家人关注这个申请'),
  draft: '还有一份没填完的申请草稿。',
  footer: '这次查看已经记录在案。想删除信息，说“删除我的信息”。',
  eraseInProgress: (caseNos: string) => `您有正在办理的申请（${caseNos}），办完之前不能删除信息。有疑问请拨打12385。`,
  eraseConfirm: '删除后，您在这里没填完的申请草稿会删掉，不能恢复。已办结的申请记录由残联按规定保存，需要删除请拨打12385。确定删除吗？',
  eraseButtons: ['确定删除', '不删了'],
  erased: '已经删除了。',
  nothingToErase: '这个账号下没有需要删除的信息。',
  notErased: '好的，没有删除。',
};

/** Why a family check asks for both the case number and the ID tail: said wherever either is asked about. */
const WHY_CASE_NO_AND_TAIL = '案件号和身份证后6位一起核对，是为了确认您是申请人的家属，别人查不到申请人的信息。';

/** What else a family member without the case number can do: said with where it is found. */
const CASE_NO_ELSE = '也可以拨打12345或12385问一问。不查了就说“取消”。';

const status = {
  /** Status updates, for the applicant ("您的申请") or a family member (masked name). */
  notify: {
    pre_review: '残联已经开始预审了。',
    returned: (reason: string) => `申请被退回了，原因：${reason}。说“修改退回的申请”，只改要改的那几项就能重新提交。`,
    resubmitted: '修改后的申请已经收到，残联重新预审。',
    appraisal_scheduled: '预审通过了。下一步是残疾评定：说“预约鉴定”就能约时间，行动不便的可以说“我要申请上门鉴定”。',
    /** The same, for a case whose applicant asked for the appraisal at home. */
    appraisal_scheduled_home: '预审通过了。下一步是残疾评定：您申请了上门鉴定，医院会打电话和您约上门的时间。',
    in_decision: '预审通过了，各项已经同时送到对应部门审批。',
    appraised: '评定结果已经出来了，接下来会在村（社区）公示5个工作日。',
    public_notice: (endsOn: string) => `已经在村（社区）公示，到${endsOn}结束，没有异议就进入发证。`,
    objection: '公示期间有人提出异议，残联正在重新核实，有结果会告诉您。',
    approved: '公示结束，审核通过，残疾人证马上就发。排队等证的补贴也送到各部门审批了。',
    delivered_mail: '残疾人证已经寄出，请留意快递。',
    delivered_pickup: '残疾人证已经办好，可以去窗口领取了，记得带身份证。',
    item_approved: (item: string) => `“${item}”审批通过了。`,
    item_rejected: (item: string, reason: string) => `“${item}”这次没有通过，原因：${reason}。有疑问可以打12385问。`,
    booked: (when: string, hospital: string) => `约好了${when}在${hospital}做残疾评定。`,
    rescheduled: (when: string, hospital: string) => `评定时间改到了${when}，在${hospital}。`,
    booking_cancelled: '评定预约已经取消了，需要时可以再约。',
    home_requested: '已经登记了上门鉴定，医院会打电话约上门的时间。',
    home_cancelled: '上门鉴定的登记已经取消，改为去医院做评定。',
    mail_chosen: '领证方式改成了邮寄：残疾人证办好后寄到家，不用去窗口领。',
    reminder: (when: string, hospital: string, address: string) => `提醒您：明天${when}在${hospital}（${address}）做残疾评定，别忘了带身份证、户口本和病历。`,
    material_rejected: (material: string, reason: string) => `您的${material}需要重新上传：${reason}。说“补传材料”就能在这里重新发给我。`,
    materials_accepted: (materials: string, allDone: boolean) => `您交的${materials}审核通过了。${allDone ? '要交的材料都齐了，接下来等残联办理，有进展会告诉您。' : ''}`,
    materials_missing: (materials: string) => `还差${materials}没有交。说“补传材料”就能在这里拍照发给我。`,
    overdue: (caseNo: string, stage: string, days: number) => `案件 ${caseNo} 在“${stage}”已经${days}个工作日，超过时限了。`,
    /** To whoever filed the case: a relative who filed it is told it was the applicant's ID number. */
    familyChecked: (byProxy: boolean) =>
      `刚才有人用案件号和${byProxy ? '申请人' : '您'}身份证号的后6位查看了办理进度。如果不是您的家人，请说“谁在关注我的申请”看看，或者拨打12385。`,
    familyCheckLocked: (minutes: number) => `有人多次输错了查询您申请需要的信息，查询已暂停${minutes}分钟。您自己查进度不受影响；如果不是您的家人，请拨打12385。`,
  },
  /**
   * The same news for a family member following the case, where the applicant's copy tells them to do what only the
   * account that submitted it can (the booking, the correction): who does it, and how the family can help.
   */
  notifyFamily: {
    returned: (reason: string) =>
      `申请被退回了，原因：${reason}。要用提交申请的那个账号改：请提醒申请人（或者当时帮着提交申请的家人）在那个账号上说“修改退回的申请”，只改要改的那几项就能重新提交。`,
    appraisal_scheduled:
      '预审通过了。下一步是残疾评定，要用提交申请的那个账号约时间：请提醒申请人（或者当时帮着提交申请的家人）在那个账号上说“预约鉴定”，去不了医院的说“我要申请上门鉴定”。约好以后也会通知您，评定那天您可以陪着去。',
  },
  /** An appraisal session in words, as staff read it out: "2026年12月1日 上午，<医院>". */
  session: (date: string, part: 'am' | 'pm', hospital?: string) =>
    `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${booking.parts[part]}${hospital ? `，${hospital}` : ''}`,
  /**
   * SMS templates as the provider approves them (SMS_TEMPLATES names their ids): {1}, {2}, ...
   * are the parameters: the masked name, the case number, then what the news needs (a stage
   * name, a return's reason, an appraisal's time and hospital), never a full name or ID number.
   */
  sms: {
    status: '{1}您好，您的残疾人服务申请{2}有新进展，现在是“{3}”。详情可在一次办查看，或致电12385。回复TD退订',
    returned: '{1}您好，您的残疾人服务申请{2}被退回修改，原因：{3}。改好后可在一次办重新提交，或带材料到综合窗口，咨询12385。回复TD退订',
    appraisal: '{1}您好，您的残疾人服务申请{2}已约好残疾评定：{3}，{4}。请带身份证、户口簿和病历按时前往，咨询12385。回复TD退订',
    family_checked: '{1}您好，刚才有人用申请{2}的案件号和您身份证号后6位查看了办理进度。如不是您的家人，请致电12385。回复TD退订',
    family_locked: '{1}您好，有人多次输错查询申请{2}所需的信息，查询已暂停，您自己查进度不受影响。如不是您的家人，请致电12385。回复TD退订',
    staff_new_case: '新的残疾人服务申请{1}（申请人{2}）已提交，请尽快预审。',
    staff_deadline: '残疾人服务申请{1}（申请人{2}）在“{3}”环节快到办理时限了，请尽快处理。',
  },
  prefixApplicant: (caseNo: string) => `您的申请（${caseNo}）：`,
  prefixFamily: (name: string, caseNo: string) => `${name}的申请（${caseNo}）：`,
  stageNames: {
    submitted: '已提交',
    pre_review: '残联预审中',
    returned: '已退回，待修改',
    appraisal_scheduled: '待残疾评定',
    appraised: '评定完成',
    public_notice: '公示中',
    approved: '审核通过，待发证',
    delivered: '已发证',
    in_decision: '部门审批中',
    closed: '已办结',
  } as Record<string, string>,
  itemStatus: { submitted: '审批中', queued: '等办证后审批', approved: '已通过', rejected: '未通过' } as Record<string, string>,
  /**
   * An undecided item that no department has yet: it waits with the case until pre-review passes,
   * and a certificate goes through appraisal and notice rather than a department's approval.
   */
  itemWaiting: {
    submitted: '已提交，待预审',
    pre_review: '残联预审中',
    returned: '已退回，待修改',
    appraisal_scheduled: '待残疾评定',
    appraised: '评定完成，待公示',
    public_notice: '公示中',
  } as Record<string, string>,
  actionNames: {
    submit: '提交申请',
    start_review: '开始预审',
    return: '退回修改',
    resubmit: '修改后重新提交',
    pass_review: '预审通过',
    record_appraisal: '完成评定',
    start_notice: '开始公示',
    object: '公示有异议',
    complete_notice: '公示结束，审核通过',
    deliver: '发证',
    approve_item: '事项通过',
    reject_item: '事项未通过',
    'appointment-book': '预约评定',
    'appointment-reschedule': '改约评定',
    'appointment-cancel': '取消评定预约',
    'home-appraisal-request': '申请上门鉴定',
    'delivery-mail': '领证方式改为邮寄',
    'phone-change': '更改联系电话',
    'mail-address-change': '更改邮寄地址',
    'contact-text-only': '注明只能短信/文字联系',
    'home-appraisal-cancel': '取消上门鉴定',
    'material-rejected': '材料退回重传',
  } as Record<string, string>,
  /** Where a certificate changed to mailing goes: the audit note, and the console's delivery line. */
  mailTo: { applicant: '寄到申请人住址', other: '寄到另留的邮寄地址' },
  /** How the certificate reaches the applicant, as the console shows it. */
  deliveryNames: { mail: '邮寄', pickup: '窗口自取' } as Record<string, string>,
  /** Steps only the agent console shows (the applicant's timeline leaves them out). */
  /** How staff may reach the applicant, as the console shows it. */
  contactNames: { 'text-only': '只能短信/文字联系（不打电话）' } as Record<string, string>,
  agentActionNames: {
    'agent-reveal': '坐席查看完整信息',
    'family-check': '家属核验后查看进度',
    'family-check-locked': '家属核验错误次数过多，已暂停核验',
    'material-received': '收到材料',
    'material-accepted': '材料审核通过',
    'material-read': '工作人员查看材料',
    'material-reminder': '提醒补传材料',
    export: '导出个人信息',
    erase: '删除个人信息',
    'erase-forced': '强制删除个人信息',
  } as Record<string, string>,
  /** Who did a step, as the agent console says it. */
  agentBy: { applicant: '申请人（在线）', proxy: '代办的家属（在线）', family: '家属（在线）', agent: (id: string) => `坐席 ${id}`, staff: (id: string) => `工作人员 ${id}`, system: '系统' },
  /** A step the catalogue has no name for (a record older than its name). */
  agentActionOther: '其他操作',
  byNames: { chat: '您', staff: '工作人员', system: '系统', hospital: '医院' } as Record<string, string>,
  /** Who did a chat step, as a relative reads it: the one who submitted, by the relation the form recorded. */
  bySubmitter: (by: { role: 'self' | 'proxy'; relation?: string }) =>
    by.role === 'self' ? '申请人本人' : by.relation && !by.relation.startsWith('其他') ? `申请人的${by.relation}代办` : '申请人的家属代办',
  /** What comes next (cases/nextStep.ts), as the applicant or their family reads it in the chat. */
  next: {
    submitted: '下一步：残联预审。',
    pre_review: '下一步：预审结果出来会通知您。',
    returned: '下一步：说“修改退回的申请”，改好后重新提交。',
    appraisal_book: '下一步：说“预约鉴定”约评定时间。',
    appraisal_booked: '下一步：按约好的时间去医院做评定，前一天会提醒您。',
    appraisal_home: '下一步：等医院打电话约上门评定的时间。',
    appraised: '下一步：村（社区）公示5个工作日。',
    public_notice: '下一步：公示结束没有异议就发证。',
    approved: '下一步：发证（邮寄或窗口领取）。',
    delivered: '证已经发了。',
    in_decision: '下一步：各部门审批，结果会通知您。',
    closed: '这件事已经办完了。',
  } satisfies Record<NextStep, string>,
  /** The same next step for a hotline agent, who tells the caller what they (or the office) do; shown under “下一步”. */
  agentNext: {
    submitted: '等残联开始预审。',
    pre_review: '残联预审中，结果会通知申请人。',
    returned: '请申请人在聊天里说“修改退回的申请”，按退回原因改好后重新提交。',
    appraisal_book: '约评定时间：请申请人在聊天里说“预约鉴定”；去不了医院的，说“我要申请上门鉴定”。',
    appraisal_booked: '按约好的时间去医院做评定（见“评定预约”），前一天会提醒申请人。',
    appraisal_home: '已申请上门鉴定，等医院打电话和申请人约上门评定的时间，不用再约。',
    appraised: '村（社区）公示5个工作日。',
    public_notice: '公示结束没有异议就发证。',
    approved: '发证（邮寄或窗口领取）。',
    delivered: '证已经发了。',
    in_decision: '各部门审批，结果会通知申请人。',
    closed: '已办结。',
  } satisfies Record<NextStep, string>,
  /** What comes next, said to a family member where the applicant's account must act. */
  familyNext: {
    returned: '下一步：由申请人用提交申请的那个账号说“修改退回的申请”，改好后重新提交。',
    appraisal_book: '下一步：由申请人用提交申请的那个账号说“预约鉴定”，约评定时间。',
    // The reminder goes to the applicant and to the family who follow the case, not to whoever checked it.
    appraisal_booked: '下一步：按约好的时间去医院做评定，前一天会提醒申请人和关注了这个申请的家人。',
  } as Partial<Record<NextStep, string>>,
  /** No case of this person here: one made at a window or on the province's site is looked up there. */
  noCases: (online: { site: string; app: string }, h: Hotlines) =>
    `在这里没有查到您在办的申请。在窗口、${online.app}App或${online.site}申请的，可以在“我的办件”里查询进度，或者打${h.government}、${h.federation}问。查家人的申请，说“帮家人查进度”；还没申请的话，说“我要申请”就能开始。`,
  timelineTitle: (caseNo: string, stage: string) => `案件 ${caseNo}：${stage}`,
  itemsTitle: '各事项：',
  familyAskCaseNo: '请告诉我要查的案件号（YC开头，比如YC202611200001）。',
  /** The applicant without the case number: none is needed for their own applications here. */
  noNumberNeeded: '不用案件号，您在这里提交的申请都在下面（案件号也在里面）：',
  /** A question about a relative's case ("俺爹的鉴定约的哪天") before any check: the check first, and what it needs. */
  familyCheckFirst: '查家里人的申请，要先核对一下：请告诉我申请人的案件号（YC开头，提交申请时给的），再核对申请人身份证号后6位。',
  /** Someone at the case-number step saying who they are ("我是他老伴"). */
  relationNoted: '好的，家里人可以帮着查。',
  /** A relative's progress asked again at the case-number step. */
  familyNeedsCaseNo: '好的，查家里人的申请，先要申请人的案件号（提交申请时给的，YC开头），再核对身份证号后6位。',
  familyAskId: '请输入申请人身份证号的后6位。',
  familyIdTailLength: (count: number) => `身份证号后6位是6个数字（最后一位可能是X），您发的是${count}个，请再发一次后6位。`,
  /** Questions about the case number or the ID tail, answered where they are asked. */
  caseNoAnswers: {
    where: `案件号是提交申请时给的，YC开头，后面12位数字，在提交成功的那条消息（和短信）里。家属可以向申请人要。${CASE_NO_ELSE}`,
    none: `没有案件号的话，请向申请人要（提交成功的消息和短信里都有）；申请人自己在这里说“查进度”就能看到，不用案件号。${CASE_NO_ELSE}`,
    why: WHY_CASE_NO_AND_TAIL,
  },
  /** A name and whole ID number said where the case number is asked. */
  /** An ID tail typed alone, outside the check: kept, and the case number it is checked with asked. */
  caseNoForTail: '查申请进度，要用案件号加身份证号后6位一起核对，后6位我先记下了。案件号在提交成功的那条消息和短信里，YC开头；申请人本人在这里说“查进度”，不用案件号。',
  /** A phone typed alone, outside the check: no look-up by phone. */
  caseNoNotByPhone: '凭电话号码查不了进度：为了保护申请人的信息，要用案件号加身份证号后6位一起核对。案件号在提交成功的那条消息和短信里，YC开头；申请人本人在这里说“查进度”，不用案件号。',
  /** "电话改成135…" on one's own open case, by what became of it. */
  phoneChanged: {
    changed: (caseNo: string, phone: string) => `好，案件${caseNo}的联系电话改成${phone}了。`,
    same: (caseNo: string, phone: string) => `案件${caseNo}留的电话就是${phone}，不用改。`,
    'not-now': (caseNo: string, _phone: string, hotline: string) => `案件${caseNo}现在在这里改不了电话，请拨打${hotline}告诉工作人员。`,
  },
  /** The checked case's number or its applicant's ID sent again after the check passed: nothing new is asked. */
  alreadyChecked: '已经查到了，不用再发案件号或身份证号。',
  caseNoNotById:
    '只凭姓名和身份证号查不了：为了保护申请人的信息，要用案件号加身份证号后6位一起核对（您发的身份证号，后6位我先记下了）。案件号在提交成功的那条消息和短信里，可以向申请人要；申请人本人在这里说“查进度”，不用案件号。',
  idTailAnswers: {
    where: '后6位就是申请人身份证号的最后6个字符，身份证正面最下面一行的最后6位，最后一位可能是X。',
    why: WHY_CASE_NO_AND_TAIL,
    none: '不知道申请人身份证号的话，请问一下申请人，或者看户口本上申请人那一页的“公民身份号码”。',
  },
  familyAskIdFor: (caseNo: string) => `好的，查案件${caseNo}的进度。为了保护申请人的信息，请先输入申请人身份证号的后6位。`,
  familyMismatch: '案件号和身份证号后6位对不上。请再输入一次申请人身份证号的后6位；如果是案件号输错了，直接发正确的案件号。',
  familyLocked: '核对失败次数太多，为了保护申请人的信息，请过一段时间再试，或者拨打12385。',
  familyFound: (name: string, idNumber: string, phone: string) => `申请人：${name}，身份证号：${idNumber}，电话：${phone}`,
  /** How the answers name the applicant, by the sex on the ID number (unknown: 申请人). */
  pronoun: (sex: 'female' | 'male' | undefined) => (sex === 'female' ? '她' : sex === 'male' ? '他' : '申请人'),
  /**
   * A relative's question about the next step of the case a family check just showed, answered for
   * that case (`ta`: 他 or 她, the applicant). `home*`: a home appraisal asked for, not yet done.
   */
  checkedCaseAnswers: {
    /** A case appraised at the hospital, asked whether someone must be in for the visit: none comes; the booking said when there is one. */
    notHome: (ta: string, booked?: string) =>
      `不是上门评定，医生不来家里，那天家里不用留人等。${booked ? `约的是${booked}做评定，` : '评定时间由申请人约，'}${ta}本人要去医院，最好有家里人陪着去。`,
    /** A case booked at the hospital, asked what day (to take leave and go along): the booking, where, what to bring. */
    bookedDay: (ta: string, when: string, hospital: string, address: string, bring: string) =>
      `约的是${when}，在${hospital}（${address}）做评定，${ta}本人要去。要带：${bring}。有家里人陪着去最好。`,
    bookedAt: (date: string, part: 'am' | 'pm', hospital: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日${booking.parts[part]}${hospital ? `在${hospital}` : ''}`,
    homeWhoIsIn: (ta: string) => `不一定要您本人在家，最好有家里人陪着${ta}。医院会打电话约上门的时间，约一个家里有人的日子就行。`,
    homeHour: (ta: string, part: string) => `可以。医院打电话约上门时间时，说${part}来就行；${ta}那天有别的安排（比如去医院透析）也跟医生说一声。`,
    homeRecords: (ta: string) => `要。${ta}以前看病的病历、出院小结、检查报告（片子、CT）都准备好，哪家医院的都行，医生上门时给医生看。`,
    records: (ta: string) => `要。${ta}以前看病的病历、出院小结、检查报告都准备好，哪家医院的都行，评定那天带去给医生看。`,
    firstFee: (home: boolean) => `不用掏钱。第一次办证的评定费由县残联出${home ? '，上门评定也一样' : ''}。`,
    result: '评定完，医院把结果报给残联，在村（社区）公示5个工作日，没有异议的，残联10个工作日内审核发证。一般评定完一个月左右能拿到证，每一步在这里都能查到。',
    noCard: (ta: string) => `补贴要打到${ta}本人名下的账户（有监护人的也可以打到监护人的）。${ta}没有银行卡的，可以办一张社保卡（申请表上能勾“社会保障卡申领”），或者到银行办一张${ta}名下的卡，补贴批下来之前办好、告诉民政部门就行。`,
  },
  subscribeAsk: '要不要以后有进展时也通知您？',
  subscribeButtons: ['要', '不用了'],
  /** Questions about the progress notices offered ("要钱吗", "发到哪里"), answered before asking again. */
  subscribeAnswers: {
    cost: '通知不收钱，是免费的。',
    where: '通知不发短信、不打电话，就发到这个聊天里，和您现在看到的消息一样。',
    why: '申请有了新进展，比如预审通过、约好评定、证寄出了，会马上告诉您，不用再来查。',
    what: '申请有了新进展，比如预审通过、约好评定、证寄出了，会马上告诉您，不用再来查。',
  },
  subscribed: '好的，以后有进展会通知您。不想收了说“退订”。',
  notSubscribed: '好的，不通知。想查随时再问。',
  followers: (n: number) => `有${n}位家属在关注您的申请：`,
  noFollowers: '现在没有其他人关注您的申请。',
  follower: (i: number, since: string) => `关注者${i}（${since}开始）`,
  removeFollower: (i: number) => `移除关注者${i}`,
  followerRemoved: '已经移除，对方不会再收到这份申请的进展了。',
  unsubscribed: '好的，以后不再给您发进展通知了。想再收的话说“恢复通知”。',
  resubscribed: '好的，恢复给您发进展通知。',
  correctStart: (reason: string, fields: string) => `退回原因：${reason}\n要改的是：${fields}。我们一项一项来。`,
  /**
   * A material asked about when the correction starts ("照片要重拍吗"), by where it stands: only
   * one staff accepted is said to be kept; `none`: not handed in here (checked in the records, or at the window).
   */
  correctAsked: {
    rejected: (material: string) => `${material}要重新传，下面直接在这里拍照发给我。`,
    accepted: (material: string) => `${material}已经审核通过了，这次不用重新传。`,
    received: (material: string) => `${material}已经收到了，工作人员还在看，这次不用再传。`,
    missing: (material: string) => `${material}还没传上来，改完后说“补传材料”补上。`,
    none: (material: string) => `${material}这次不用在这里传。`,
  },
  correctNothing: '您现在没有被退回的申请。',
  returnReason: (reason: string) => `，原因：${reason}`,
  correctDone: '改好了，已经重新提交给残联预审。',
  correctLater: '好的，退回的材料传好以后，说“修改退回的申请”接着改，改完才会重新提交。',
  /** The person says the value sent back was right. */
  correctHow: (field: string) => `直接把正确的${field}发给我就行，改好后我替您重新提交，不用再跑。`,
  /** At the phone sent back as unreachable ("电话没错啊 那天没接着"): the number may stay as it is. */
  correctKeepPhone: '要是号码没错，只是那几天没接着，点“号码没错，就用原来的”，号码不改直接重新提交；号码要改就直接发新号码。',
  keepPhoneButton: '号码没错，就用原来的',
  correctPhoneKept: '好的，号码不改。这几天请留意接听残联的电话。',
  /** The phone kept, for someone who cannot take calls ("号码没错 我是聋子 接不了电话"). */
  correctPhoneTextOnly: '好的，号码不改。我在申请上注明：只能短信/文字联系，不打电话，残联和医院会发短信联系您。',
  correctInsisted: (federation: string) => `要是确实没填错，请打${federation}问问残联为什么退回，说清楚案件号，核对好了再来改；也可以先说“等会再说”。`,
  /**
   * "要我干啥不", "现在还得做啥" about a submitted case: what is to be done now, from the case (the
   * materials still to come, then the next step); `family`: said to a relative who checked it.
   */
  toDo: {
    intro: '现在要做的：',
    upload: (names: string) => `补传${names}：在这里说“补传材料”，拍照发上来就行。`,
    uploadFamily: (names: string) => `补传${names}：用申请人提交申请的那个账号说“补传材料”，您帮着拍了发上来就行。`,
    homePhone: (phone: string) => `保持${phone}能接通，医院会打电话约上门评定的时间。`,
    nothing: '现在不用做什么，等着就行。',
  },
  /** Picking up changed to mailing after submission ("改成邮寄"). */
  mail: {
    done: (address: string) => `好，领证方式改成邮寄了：证办好后寄到“${address}”，不用去窗口领。`,
    kept: '好，还是自己去窗口领，不改了。',
    offerButtons: ['改成邮寄', '不用了'],
    offerAgain: '要把领证方式改成邮寄到家吗？',
    onCaseButton: '寄到申请时留的地址',
    doneOnCase: '好，领证方式改成邮寄了：证办好后寄到您申请时留的地址，不用去窗口领。',
    already: '您的证本来就是邮寄的，办好后寄到您留的地址，不用改。',
    tooLate: (federation: string) => `证已经发出，领证方式改不了了。有困难请打${federation}问问残联。`,
  },
  /** The address a mailed certificate goes to, changed after submitting ("寄证的地址改成…"). */
  mailAddress: {
    ask: (current: string) => `证现在寄到“${current}”。要改寄到哪里？请写到门牌号。`,
    confirm: (address: string) => `证办好后改寄到“${address}”，对吗？`,
    confirmButtons: ['对', '不对'],
    askAgain: '那请再说一遍新的邮寄地址，写到门牌号。',
    done: (caseNo: string, address: string) => `好，案件${caseNo}的邮寄地址改成“${address}”了，证办好后寄到这里。`,
    same: (address: string) => `证本来就寄到“${address}”，不用改。`,
    kept: '好，邮寄地址不改了。',
    tooLate: (federation: string) => `证已经寄出，邮寄地址改不了了。有困难请打${federation}问问残联。`,
  },
  materialsLine: (received: string[], missing: string[]) =>
    !missing.length ? `材料都收到了：${received.join('、')}` : received.length ? `材料：已收到 ${received.join('、')}；还差 ${missing.join('、')}` : `材料：还差 ${missing.join('、')}`,
};

/** The Web Chat page at `/` (bot/web/pages/index.html): its header, labels and notices. */
const web = {
  pageTitle: '残疾人服务“一件事”在线助手 · 一次办',
  title: '残疾人服务“一件事”在线助手',
  intro: '解答残疾人证和各项补贴的问题，帮您一次填好申请、预约鉴定、查办理进度。可以打字问，也可以点按钮。',
  skipToChat: '跳到对话',
  largeText: '大字模式',
  clearRecords: '清除记录',
  hotlinesLabel: '电话咨询',
  governmentHotline: '政务服务热线',
  federationHotline: '残联热线',
  privacyTitle: '隐私说明',
  privacy: (days: number) =>
    `您在这里说的话和填写的个人信息，只用于解答问题和办理您的申请。这台手机或电脑会记住这次对话${days}天：关掉页面再打开，聊天记录还在，没填完的申请接着填。聊天记录在最后一次对话${days}天后删除。不要在聊天里发银行卡密码、验证码。用公用电脑的，用完请点上面的“清除记录”，这台电脑就不再记得您和这次对话。`,
  chatLabel: '和在线助手对话',
  connecting: '正在连接在线助手，请稍候……',
  reconnecting: '连接断开了，正在重新连接……',
  unavailable: (h: Hotlines) => `暂时连不上在线助手，请稍后刷新页面再试，或者拨打${h.government}政务服务热线、${h.federation}残联热线。`,
  noScript: (h: Hotlines) => `在线助手需要浏览器开启 JavaScript 才能使用。也可以拨打${h.government}政务服务热线、${h.federation}残联热线。`,
};

/** The WeChat official-account channel's own answers (bot/channels/wechat). */
const wechat = {
  /** A voice message the platform could not turn into words. */
  voiceUnheard: '这条语音我没听清，请再说一遍，或者打字告诉我。',
  /** A kind of message the bot cannot read (video, link, file). */
  unsupported: '这类消息我看不了。请打字告诉我您想问什么，或者回复“帮助”。',
  /** A follower sending faster than anyone types: said once, the next messages are not answered for a while. */
  slowDown: '您发得太快了，请慢一点。稍等一会儿再发，我会接着回答您。',
};

export const zhCN = {
  locale: 'zh-CN',
  welcome: {
    lines: [
      '您好，我是“一次办”助手，能解答残疾人证和补贴的问题，也能帮您在这里一次填好申请。',
      '您可以直接打字问我，也可以点下面的按钮；想找真人，说“人工”就行。',
    ],
    buttons: ['我要申请', '残疾证怎么办', '要带什么材料', '能领哪些补贴', '转人工'],
    /** Someone back with a half-filled application: its button comes first. */
    draftKept: '您上次有一份申请没填完，点“继续上次的申请”就能接着填。',
    resumeButton: '继续上次的申请',
  },
  /** "取消申请", "不办了" when no form or booking is in progress: said of an application, so how to withdraw one is offered. */
  nothingToCancel: '现在没有正在办的事，不用取消。如果您是想撤回已经交上去的申请，点下面的按钮看看怎么办。',
  /** "退出", "取消", "不查了" when nothing is in progress: nothing to leave, and no withdrawal nobody asked about. */
  nothingToLeave: '好的。现在没有正在办的事，还有想问的，直接问我就行。',
  /** "不知道" with nothing asked and no flow open. */
  notSure: '没关系，说说您想办的事就行，比如“残疾证怎么办”“能领哪些补贴”；也可以点下面的按钮，或者说“人工”找工作人员。',
  /** A greeting just after the welcome. */
  welcomeAgain: '您好！直接说您想问的事就行，也可以点下面的按钮。',
  help: (h: Hotlines) =>
    `您可以直接问我，比如“残疾证怎么办”“护理补贴谁能领”。点按钮、打字或者回复按钮前的数字都可以。想找真人，说“人工”，或者拨打${h.government}、${h.federation}。`,
  /** Words that make a short message a request for a person, wherever they stand (regular expressions). */
  commandPhrases: {
    human: ['真人', '活人', '有人吗', '人工客服', '人工服务', '转人工', '找人工', '要人工', '接人工', '找个人(说|聊|问|来)', '[跟和同]人(说|聊|讲)', '叫个人', '换个人', '找工作人员', '接工作人员', '(叫|找|让)(你们)?(领导|负责人|管事的)'],
    /** A cancel that speaks of an application ("取消申请", "不办了"), not only of leaving ("退出", "不查了"). */
    cancelsApplication: ['申请', '办'],
    /** Not wanting a person ("我不要人工了") is no request for one. */
    notHuman: ['不(要|用|找|转|需要)(人工|真人|客服)'],
    /** Asking whether the bot is a person ("你是真人还是机器人") asks for none: read without these words. */
    asksIfHuman: ['(^|你|您)(们)?(到底)?(是不是|是)(真人|活人)', '(真人|活人)还是', '还是(真人|活人)'],
    /** Asking for a person in a long message, from someone who cannot phone: a person to type with ("打字找个人"), not one to do a thing ("找个人帮他办"). */
    typedHuman: ['人工', '客服', '真人', '(找|要|叫|跟|和|同)(个|一个|位)?(工作人员|人)(打字|说|聊|问|[啊吧呀呢吗嘛不]*$)'],
  },
  commands: {
    help: ['帮助', '帮帮我', '怎么用', '使用说明', 'help', '菜单', '你能做什么'],
    human: ['人工', '转人工', '人工客服', '找人工', '真人', '客服', '我要找真人', '找真人', '我要找人工', '我要人工', '转人工客服'],
    restart: ['重新问', '换个问题'],
    cancel: ['取消', '取消申请', '不办了', '不想办了', '退出', '不填了', '不查了', '不用查了', '先不查了', '不约了'],
    back: ['返回', '上一步', '上一个', '回到上一步', '改上一项', '退回上一步'],
    apply: ['我要申请', '开始申请', '申请', '在线申请', '我要办证', '我要办残疾证', '办理申请'],
    progress: ['查进度', '查询进度', '我的申请到哪一步了', '办到哪一步了', '进度', '我的申请', '查我的申请'],
    familyCheck: ['帮家人查进度', '查别人的申请', '我是家属', '查家人的申请', '家属查询'],
    followers: ['谁在关注我的申请', '关注我的人', '关注者'],
    unsubscribe: ['退订', '不要通知了', '别发通知了', '取消通知'],
    resubscribe: ['恢复通知', '重新订阅'],
    correct: ['修改退回的申请', '改退回的申请', '重新提交', '改申请', '修改申请', '改一下申请', '补材料', '补交材料', '补充材料'],
    cancelBooking: ['取消预约', '取消评定预约', '取消鉴定预约', '不约了', '预约不去了'],
    uploadMaterials: ['补传材料', '上传材料', '传照片', '传材料', '发材料', '交材料', '上传照片'],
    resume: ['继续上次的申请', '继续申请', '接着填', '继续填'],
    myData: ['我要查看我的个人信息', '查看我的个人信息', '导出我的数据', '我的个人信息', '查看我的数据', '导出我的信息', '查看我的信息', '看看我的信息', '我的信息', '我的数据'],
    eraseMe: ['删除我的信息', '删除我的数据', '删除我的个人信息', '注销我的信息'],
  },
  /** `npm run chat`, the terminal: its banner, the words that end it, and the goodbyes it says to the bot before ending. */
  terminal: {
    banner: '一次办助手（终端版）。直接输入问题，回复按钮前的数字也可以；输入“退出”或按 Ctrl-D 结束。',
    quitWords: ['退出', '退出聊天', 'quit', 'exit'],
    byeWords: ['再见', '拜拜', 'bye'],
  },
  tooLong: (max: number) => `您的消息有点长，我只看得懂${max}个字以内的问题。请用一两句话告诉我您想问什么。`,
  notText: '我现在只看得懂文字。请打字问我；不知道问什么，说“帮助”就行。',
  empty: '我没有收到内容，请再说一遍您想问什么。',
  /** "好的", "嗯" after an answer. */
  acknowledged: '好的。还有别的问题随时问我。',
  /** A statement adding nothing ("俺急用", "俺爹下不了床") that would get the answer just given again: not said twice, nor coldly. */
  saidAlready: (h: Hotlines) =>
    `明白您的情况，就按上面说的办。有特殊情况，可以打${h.federation}残联热线跟工作人员说明；想知道办到哪一步了，说“查进度”就行。`,
  askedForWhom: '好的，您替家里人问。想问什么事？比如“残疾证怎么办”“能领什么补贴”“办到哪一步了”。',
  /** Emoji or punctuation alone. */
  noWords: '这条消息我没看懂。您可以打字说说想问什么，或者点下面的按钮；要找工作人员，说“人工”。',
  error: '抱歉，系统出了点问题，请稍后再试，或者拨打12345政务服务热线。',
  /** Two messages of one conversation handled at once: the later one could not be recorded. */
  notRecorded: '您刚才连着发了两条消息，后一条我没能记下来。请把后一条再发一次。',
  answer: {
    source: (source: string) => `依据：${source}`,
    helpful: '有帮助',
    notHelpful: '没帮助',
    /** Said before the sentence ruling on what a can-I named, when it rules plainly (see `toldFirst`). */
    yes: '可以。',
    no: '不能。',
    /** The same, asked whether the person qualifies ("是否符合"). */
    qualifies: '符合。',
    unqualified: '不符合。',
    /** Said before an answer to whether something is needed, when it says so (see `neededFirst`). */
    needed: '需要。',
    notNeeded: '不用。',
  },
  clarify: {
    intro: '您想问的是哪一个？点一下或者回复数字：',
    /** Only one answer comes close: asked as a yes, not as a choice among one. */
    introOne: '您是想问下面这个吗？是的话点一下（或回复1），不是就点“都不是”：',
    noneOfThese: '都不是',
    /** The likeliest answer said, named as understood: the other candidates follow as buttons. */
    likely: (question: string) => `您是问“${question}”吧？`,
    likelyOthers: '不是问这个的话，点下面的按钮。',
  },
  notFound: (h: Hotlines) =>
    `抱歉，这个问题我还答不上来，已经记下来请工作人员补充。您可以换个说法再问，或者拨打${h.government}政务服务热线、${h.federation}残联热线，也可以说“人工”。`,
  notFoundButtons: ['转人工', '重新问'],
  /** A follow-up the answer just given does not hold (or the same answer a third time): not said again. */
  notInAnswer: (h: Hotlines) =>
    `您问的这一点，刚才那段里没有说到，我答不准，就不再重复那段了，已经记下来请工作人员补充。您可以打${h.federation}残联热线或${h.government}政务服务热线问清楚，也可以说“人工”。`,
  /** "那孩子呢" after an answer that holds for anyone (the allowances have no age limit): not said again in whole. */
  sameForPerson: (who: string) => `${who}也一样：上面说的不分年龄，${who}符合条件的，和上面说的一样办、一样领。`,
  /** A bare question ("要钱不", "在哪") just after one not answered here: which matter it asks of is not known. */
  whichMatter: '我没弄明白您问的是哪件事。请把事情和要问的连起来说，比如“办残疾证要钱吗”“护理补贴在哪申请”。',
  /** A message with several questions: the first answered, the others offered as buttons. */
  runOn: {
    more: '您还问了别的问题，点下面的按钮接着看。',
    moreAfterPick: '您问的另一个问题在最后的按钮里。',
    // Cut at its start: a voice-typed question comes after what was said before it.
    button: (question: string) => ([...question].length > 16 ? `…${[...question].slice(-15).join('')}` : question),
  },
  restart: '好的，请说您想问的问题。',
  /** A no to "现在开始填吗？", or putting it off ("好 我明天再填"). */
  offerPutOff: '好的，等您方便的时候再来，说“我要申请”就能开始填。有问题也可以接着问我。',
  /**
   * With SMS off nobody is texted: what replies (the knowledge base's answers, the form's) say of SMS is
   * said as people are told here (this chat's status updates, the booking made in it, the hospital's call).
   * Applied in order: the longer phrases first. The third wording, where there is one, is said to
   * someone applying in this chat (in the form): their own way only, not as if it were another's.
   */
  smsOff: [
    [/约好以后医院会发短信告诉您评定的时间和要带的材料，按短信去就行。请留一个能收到短信的手机号。/g, `约好以后这个聊天里会通知您评定的时间和要带的材料，前一天还会提醒您。请留一个能打通的电话。${TEXTED_ELSEWHERE}。`, '约好以后这个聊天里会通知您评定的时间和要带的材料，前一天还会提醒您。请留一个能打通的电话。'],
    [/医院登记后，会发短信告诉您评定的时间和要带的材料，您按短信去就行。/g, `医院登记后：在这里申请的，在这个聊天里约评定的时间，约好会告诉您要带的材料；${TEXTED_ELSEWHERE}。`, '医院登记后，在这个聊天里约评定的时间，约好会告诉您要带的材料。'],
    [/医院会发短信告诉您评定（鉴定）的时间/g, '约评定（鉴定）时间（在这里申请的，在这个聊天里约；在窗口或网上申请的，医院会发短信告诉您）', '在这个聊天里约评定（鉴定）时间'],
    [/医院会发短信告诉您时间和要带的东西/g, '预审通过后会在这个聊天里通知您约时间'],
    [/医院会发短信约时间/g, '预审通过后在这个聊天里约时间'],
    [/要带的东西和时间医院会提前短信告诉您。/g, '评定时间和要带的东西：在这里申请的，在这个聊天里约，约好时会告诉您；在窗口或网上申请的，医院会提前发短信告诉您。', '评定时间在这个聊天里约，要带的东西约好时会告诉您。'],
    [/医院短信里会写明要带的材料/g, '要带的材料约好时会告诉您（在窗口或网上申请的，看医院短信里写的）', '要带的材料约好时会告诉您'],
    [/以短信通知为准/g, '以约好时的通知为准（在窗口或网上申请的，以医院的短信为准）', '以约好时的通知为准'],
    [/以(\S{2,12}?)发的短信通知为准/g, '以$1的通知为准'],
    [/按短信里医院的电话说明情况/g, '在这里约的，在这里说“改到某天”就能改；在窗口或网上申请的，打医院短信里留的电话说明情况', '在这里说“改到某天”就能改'],
    // "会发短信告诉我不" is answered no: the yes was of the SMS.
    [/(?:会。)?每一步都会给您申请时留的手机号发短信/g, '不往手机上发，每一步都会在这个聊天里告诉您'],
    // The appraisal time among the steps told: the hospital's own text, to someone who applied elsewhere.
    [/(在这个聊天里告诉您，比如预审结果、评定时间和要带的东西、公示、证件寄出)；/g, '$1（在窗口或网上申请的，评定时间和要带的材料由医院发短信告诉您）；', '$1；'],
    [/长时间没收到，可能是号码填错、换号或短信被拦截了，/g, '长时间没消息，'],
    [/每一步的短信都发到这个号码/g, '医院和残联有事会打这个号码'],
    [/定点医院登记，短信通知您评定时间/g, '定点医院登记，约评定时间（在这里申请的，在这个聊天里约；在窗口或网上申请的，医院发短信通知）', '定点医院登记，在这个聊天里约评定时间'],
    [/(每(?:到)?一步(?:都|也)会)短信(通知|告诉)您/g, '$1$2您（在这里申请的，在这个聊天里；在窗口或网上申请的，发短信）', '$1在这个聊天里$2您'],
    [/您在家等短信就行/g, '您在家等通知就行'],
    // A sentence of its own after a comma ("记得带上病历，评定时间医院会短信通知"): the two ways read apart.
    [/，(?:具体时间|评定时间)?医院会(?:先|提前)?(?:发)?短信通知您?(?:评定)?(?:时间)?/g, `。${BOOKED_HERE}；${TEXTED_ELSEWHERE}`, `。${BOOKED_HERE_ONLY}`],
    [/(?:具体时间|评定时间)?医院会(?:先|提前)?(?:发)?短信通知您?(?:评定)?(?:时间)?/g, `${BOOKED_HERE}；${TEXTED_ELSEWHERE}`, BOOKED_HERE_ONLY],
  ] as [words: RegExp, instead: string, applyingHere?: string][],
  feedback: {
    thanks: '谢谢您的反馈！',
    sorry: '抱歉没帮上忙。您可以换个说法再问，或者说“人工”转人工客服。',
    nothingToRate: '好的。还有什么想问的，直接说就行。',
  },
  application,
  flow,
  handoff,
  rating,
  booking,
  upload,
  status,
  privacy,
  web,
  wechat,
};

export type Catalogue = typeof zhCN;

