import { text } from '../dialogs/text/index.js';
import { normalizeText } from '../knowledge/normalize.js';

/**
 * What the terminal does with a typed line: nothing (a blank line), send it to the bot, end the
 * session as Ctrl-D does ("退出", "exit": words about the terminal, never sent), or send it and
 * then end (a goodbye, which the bot answers first).
 */
export type LineAction = 'skip' | 'send' | 'quit' | 'sendAndQuit';

const bare = (line: string) => normalizeText(line).replace(/\s+/gu, '');
const quitWords = new Set(text.terminal.quitWords.map(bare));
const byeWords = new Set(text.terminal.byeWords.map(bare));

export function lineAction(line: string): LineAction {
  const said = bare(line);
  if (!said) return 'skip';
  if (quitWords.has(said)) return 'quit';
  return byeWords.has(said) ? 'sendAndQuit' : 'send';
}
