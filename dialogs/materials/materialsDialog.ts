import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { CaseUseCases } from '../../cases/index.js';
import { PORTRAIT_MATERIAL as PHOTO, type MaterialProblem } from '../../cases/materials.js';
import { materialViews, outstandingMaterials } from '../../data/caseMaterials.js';
import type { CaseRecord, CaseStore } from '../../data/cases.js';
import { saysSubmit, userKeyOf } from '../application/applicationDialog.js';
import { recognizeChoice, type ChoiceOption } from '../choices.js';
import { FlowDialog, NotAnswered, type FlowDeps, type FlowRouter, type StepResult } from '../flowDialog.js';
import { aboutSomeoneElse } from '../kinship.js';
import { receivedFiles, type Download } from '../receivedFiles.js';
import { messageWithButtons } from '../replies.js';
import { text } from '../text/index.js';
import { setTurnOutcome } from '../turnOutcome.js';

const u = text.upload;
const names = u.names;
export const MATERIALS_DIALOG = 'materials';

export interface MaterialsDeps {
  cases: CaseStore;
  useCases: CaseUseCases;
  /**
   * The router (MainDialog): a message that starts another flow ("查进度", "预约鉴定") leaves the
   * step, which came unasked after submitting, and goes where the router sends it.
   */
  router?: FlowRouter;
}

export interface MaterialsOptions {
  /** The case to hand in for (after submitting, or correcting); else the user's own online case still missing some. */
  caseNo?: string;
  /** Only these materials (a correction asks for the rejected ones); else everything still to come. */
  keys?: string[];
}

/** What the step hands back to a flow that started it: whether every material it asked for came. */
export interface MaterialsResult {
  complete: boolean;
}

interface MaterialsState {
  caseNo: string;
  /** Materials still to ask in this run, the one being asked first. */
  pending: string[];
  /** What this run asked for, to tell at the end whether it all came. */
  asked: string[];
  /** Asked by a correction, which goes on by itself once the files are in. */
  correcting: boolean;
}

/** Saying which material comes first: "先传病历", "病历先发". */
const FIRST = /先/u;
/** Saying the material asked for cannot be had as asked: "没有照片 家里没有白墙", "拍不了". */
const LACKS = /没有|没|拍不了|不会拍|找不到/u;
/**
 * Saying one cannot see: "俺看不见", "我是盲人", "眼睛瞎了", "用读屏的"... ("瞎拍了一张" is taken
 * carelessly: 瞎 counts only as blindness, of the eyes or the person).
 */
const CANNOT_SEE = /看不见|看不着|眼睛?(?:都|全|也)?瞎|瞎子|(?:我|俺|他|她|人)(?:都|全|也)?瞎了|盲人|失明|眼睛不好|眼睛不行|眼神不好|读屏/u;
/** Saying the person cannot stand up for the photo: "我妈躺床上起不来", "卧床", "站不了". */
const CANNOT_STAND = /躺|卧床|起不来|下不了床|站不了|站不住|站不起|坐不起|瘫在床/u;
/** ...about taking or sending the material ("盲人能办残疾证不" is a question of its own). */
const TAKING = /拍|照相|照片.{0,3}(?:弄|整|搞|办)|传|发(?:给|过|上|不了|照|图)/u;
/** Asking about the photo's background: "俺家墙是黄的能拍不", "背景不是白的行吗" (how else to take one has its own answer). */
const PHOTO_TAKING = /墙|背景|底色/u;

/** A material named: any of the step's own names, or "材料", "新照片"... */
const MATERIAL_NAMED = new RegExp(['材料', '图片', ...Object.values(u.materialWords).flat()].join('|'), 'u');
/** Sending it here: "发给你", "咋传", "上传", "给你发". */
const SENDING = /[发传](?:给|过去|过来|上|了)?|给[你您](?:发|传)/u;
/** ...a new one, or asking how, or to the bot: "重新拍了", "新照片", "咋给你发", "发给你". */
const ANEW_OR_HOW = /新|重新|重拍|再拍|又拍|拍好|拍了|补|咋|怎么|怎样|如何|[给发传][你您]/u;

/**
 * Whether someone says they are sending a material here, in their own words: "照片俺重新拍了 咋给你发",
 * "俺要把新照片发给你", "新照片咋传" (what "补传材料" says as a command). Only where materials are due is it taken so.
 */
export function saysSendingMaterial(input: string): boolean {
  const said = input.replace(/\s+/gu, '');
  return MATERIAL_NAMED.test(said) && SENDING.test(said) && ANEW_OR_HOW.test(said);
}

const laterOption: ChoiceOption<'later'>[] = [{ label: u.later, value: 'later', synonyms: ['以后再传', '下次再传', '稍后', '晚点再传', '等会再传', '现在没有'] }];

/**
 * The materials of an online case, handed in one at a time: each is asked for in plain words,
 * the file checked (cases/materials) and a refused one explained and asked again; "稍后再传"
 * ends the step with what came and what is still to come. A text is answered as a policy
 * question and the material asked again (FlowDialog).
 */
export class MaterialsDialog extends FlowDialog<MaterialsState, MaterialsOptions> {
  constructor(
    private readonly deps: MaterialsDeps,
    flow: FlowDeps,
  ) {
    super(MATERIALS_DIALOG, flow);
  }

  async beginDialog(dc: DialogContext, options: MaterialsOptions = {}): Promise<DialogTurnResult> {
    const record = options.caseNo ? await this.deps.cases.get(options.caseNo) : await this.ownCaseMissing(dc);
    if (typeof record === 'string') return this.end(dc, record);
    if (!record) return this.end(dc, u.closed);
    const outstanding = outstandingMaterials(record);
    const pending = options.keys ? options.keys.filter((k) => outstanding.includes(k)) : outstanding;
    const state: MaterialsState = { caseNo: record.caseNo, pending, asked: pending, correcting: !!options.keys };
    if (pending.length === 0) return this.finish(dc, state, record);
    const files = receivedFiles(dc.context);
    // A file sent with no question asked: taken when it can only be one material.
    if (files?.length) {
      if (pending.length === 1) return this.take(dc, state, files);
      await this.say(dc, u.whichOne);
    } else if (!options.keys) {
      await this.say(dc, u.intro(pending.length, pending.includes(PHOTO)));
    }
    return this.askMaterial(dc, state, record);
  }

  protected async onStep(dc: DialogContext, state: MaterialsState, input: string): Promise<StepResult> {
    const files = receivedFiles(dc.context);
    if (files?.length) return this.take(dc, state, files);
    if (recognizeChoice(input, laterOption)) return this.finish(dc, state);
    // A second "确认提交" (or "提交吧") right after submitting: the case it made, and the material again.
    if (saysSubmit(input)) return this.reprompt(dc, state, `${text.application.submitted(state.caseNo)}\n`);
    // "照片还没拍 先传病历行不": the material named goes first, the one asked now last.
    const at = input.search(FIRST);
    const first = at >= 0 ? state.pending.slice(1).find((k) => u.materialWords[k]?.some((w) => input.slice(at).includes(w))) : undefined;
    if (first) {
      const [now, ...rest] = state.pending;
      const pending = [first, ...rest.filter((k) => k !== first), now];
      return this.askMaterial(dc, { ...state, pending }, undefined, u.otherFirst(names[first], names[now]));
    }
    if (input && this.deps.router && (await this.deps.router.startsFlow(dc.context))) {
      await this.say(dc, u.movedOn);
      return dc.replaceDialog(this.deps.router.id);
    }
    // "俺看不见 这照片拍不了咋整", "我是盲人 拍不了照": someone else takes it, or it comes later; no wall to stand at.
    // Said of someone else ("俺娘看不见 这照片咋拍"): the one typing is the help, and is told so.
    if (CANNOT_SEE.test(input) && TAKING.test(input)) {
      const told = aboutSomeoneElse(input) ? u.cannotSeeHelping : u.cannotSee;
      return new NotAnswered(undefined, { answer: state.pending[0] === PHOTO ? told.photos : told.other(names[state.pending[0]]) });
    }
    // "我妈躺床上起不来 站不了白墙前面 这照片咋拍": taken lying down, no wall to stand at.
    if (state.pending[0] === PHOTO && CANNOT_STAND.test(input) && TAKING.test(input)) return new NotAnswered(undefined, { answer: u.lyingDownPhoto });
    // "没有照片 家里没有白墙": how to come by this material, and the same one asked again.
    const without = u.without[state.pending[0]];
    if (without && (LACKS.test(input) || (state.pending[0] === PHOTO && PHOTO_TAKING.test(input)))) return new NotAnswered(undefined, { answer: without });
    return new NotAnswered(u.notFile(names[state.pending[0]], state.pending[0] === PHOTO));
  }

  protected helpText(): string {
    return u.help;
  }

  protected takesFiles(): boolean {
    return true;
  }

  protected cancel(dc: DialogContext, state: MaterialsState): Promise<DialogTurnResult> {
    return this.finish(dc, state);
  }

  /** "等会再说" is "稍后再传": what came and what is still to come, and how to send it later. */
  protected pause(dc: DialogContext, state: MaterialsState): Promise<DialogTurnResult> {
    return this.finish(dc, state);
  }

  /** The first file of the message, for the material being asked. */
  private async take(dc: DialogContext, state: MaterialsState, files: Download[]): Promise<DialogTurnResult> {
    const [download] = files;
    const material = state.pending[0];
    const extra = files.length > 1 ? `${u.onlyFirst}\n` : '';
    if (!download.ok) {
      setTurnOutcome(dc.context, { outcome: 'material-refused', problem: download.problem });
      return this.askMaterial(dc, state, undefined, extra + (download.problem === 'tooLarge' ? this.problemText('tooLarge') : u.problems.notReceived));
    }
    const result = await this.deps.useCases.materials.receive(state.caseNo, material, download.file.bytes, `chat:${userKeyOf(dc.context)}`);
    if (!result.ok && 'problem' in result) {
      setTurnOutcome(dc.context, { outcome: 'material-refused', problem: result.problem });
      return this.askMaterial(dc, state, undefined, extra + this.problemText(result.problem));
    }
    if (!result.ok) return this.end(dc, u.closed);
    setTurnOutcome(dc.context, { outcome: 'material-received', material });
    await this.say(dc, extra + u.received(names[material]));
    const next = { ...state, pending: state.pending.slice(1) };
    return next.pending.length ? this.askMaterial(dc, next, result.record) : this.finish(dc, next, result.record);
  }

  /** Asks for the first pending material; one staff rejected says why first. */
  private async askMaterial(dc: DialogContext, state: MaterialsState, record?: CaseRecord, prefix = ''): Promise<DialogTurnResult> {
    const material = state.pending[0];
    const found = record ?? (await this.deps.cases.get(state.caseNo));
    const last = found && materialViews(found).find((m) => m.key === material)?.files.at(-1);
    const again = last?.status === 'rejected' ? u.again(names[material], last.reason ?? '') + '\n' : '';
    const request = u.ask[material] ?? u.notFile(names[material], material === PHOTO);
    const message = `${prefix ? `${prefix}\n` : ''}${again}${request}`;
    return this.ask(dc, state, message, laterOption, `${again}${request}`);
  }

  /** What came and what is still to come; a starting flow hears whether all it asked for came. */
  private async finish(dc: DialogContext, state: MaterialsState, known?: CaseRecord): Promise<DialogTurnResult> {
    const record = known ?? (await this.deps.cases.get(state.caseNo));
    const views = record ? materialViews(record) : [];
    const missing = views.filter((m) => m.state === 'missing' || m.state === 'rejected').map((m) => names[m.key]);
    const received = views.filter((m) => m.state === 'received' || m.state === 'accepted').map((m) => names[m.key]);
    const returned = record?.stage === 'returned' && missing.length === 0 && !state.correcting ? `\n${u.returnedNext}` : '';
    await this.say(dc, (missing.length ? u.progress(received.join('、'), missing.join('、')) : u.allReceived) + returned);
    const stillOut = record ? outstandingMaterials(record) : state.asked;
    return dc.endDialog({ complete: state.asked.every((k) => !stillOut.includes(k)) } satisfies MaterialsResult);
  }

  /** The newest online case of this chat user still missing a material, or what to say when there is none. */
  private async ownCaseMissing(dc: DialogContext): Promise<CaseRecord | string> {
    const online = (await this.deps.cases.openCasesOfUser(userKeyOf(dc.context))).filter((c) => c.channel === 'online');
    if (online.length === 0) return u.noCase;
    return online.find((c) => outstandingMaterials(c).length > 0) ?? u.nothingMissing;
  }

  private problemText(problem: MaterialProblem): string {
    if (problem === 'tooLarge') return u.problems.tooLarge(Number((this.deps.useCases.materials.limits.maxBytes / (1024 * 1024)).toFixed(1)));
    return u.problems[problem];
  }

  private async say(dc: DialogContext, message: string): Promise<void> {
    await dc.context.sendActivity(messageWithButtons(message));
  }
}
