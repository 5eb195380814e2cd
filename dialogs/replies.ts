import { ActionTypes, InputHints, MessageFactory, TextFormatTypes, type Activity, type CardAction } from 'botbuilder';
import { text } from './text/index.js';

/** SMS: a rewording whose words name it (not as an option) cannot match a reply that does not say it. */
export const SMS = '短信';
// Most replies do not speak of SMS: they are not searched for the words of all 18 rewordings.
const SMS_OFF = text.smsOff.map(([words, instead, here]) => [words, instead, here ?? instead, words.source.includes(SMS)] as const);

/**
 * A reply as said with SMS off: no SMS promised, the way people are told here said instead (`text.smsOff`);
 * `applyingHere` (someone filling in the form in this chat): only what is done here.
 */
export const withoutSms = (message: string, applyingHere = false): string =>
  SMS_OFF.reduce((said, [words, instead, here, ofSms]) => (ofSms && !said.includes(SMS) ? said : said.replace(words, applyingHere ? here : instead)), message);

/** The reply as said with SMS `on` or off. */
export const smsSaid = (message: string, on: boolean, applyingHere = false): string => (on ? message : withoutSms(message, applyingHere));

/**
 * A message with its choices as tap-able buttons. Each button shows its number ("2. 残疾证怎么办")
 * so "回复按钮前面的数字" is true wherever buttons show; a tap sends the bare label (imBack),
 * so a tap, the typed label and the number all arrive as choices the dialogs recognize. The
 * text doubles as `speak` for voice channels and screen readers.
 */
export function messageWithButtons(text: string, labels: string[] = []): Partial<Activity> {
  const actions: CardAction[] = labels.map((label, i) => ({ type: ActionTypes.ImBack, title: `${i + 1}. ${label}`, value: label }));
  const reply = actions.length
    ? MessageFactory.suggestedActions(actions, text, text, InputHints.ExpectingInput)
    : MessageFactory.text(text, text, InputHints.AcceptingInput);
  // Plain text: Web Chat would read it as markdown and join lists written one per line.
  reply.textFormat = TextFormatTypes.Plain;
  return reply;
}
