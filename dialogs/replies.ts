import { InputHints, MessageFactory, TextFormatTypes, type Activity } from 'botbuilder';

/**
 * A message with its choices as tap-able buttons (imBack: a tap sends the label as text, so a
 * tap, the typed label and its number in the button order all arrive the same way). The text
 * doubles as `speak` for voice channels and screen readers.
 */
export function messageWithButtons(text: string, labels: string[] = []): Partial<Activity> {
  const reply = labels.length
    ? MessageFactory.suggestedActions(labels, text, text, InputHints.ExpectingInput)
    : MessageFactory.text(text, text, InputHints.AcceptingInput);
  // Plain text: Web Chat would read it as markdown and join lists written one per line.
  reply.textFormat = TextFormatTypes.Plain;
  return reply;
}
