import { normalizeText } from '../knowledge/normalize.js';
import { text } from './text/index.js';

export type Command = keyof typeof text.commands;

const commandWords = new Map<string, Command>(
  (Object.entries(text.commands) as [Command, string[]][]).flatMap(([command, words]) =>
    words.map((w) => [normalizeText(w).replace(/\s+/g, ''), command] as const),
  ),
);

/** A command word said on its own ("帮助", "人工"), whatever the punctuation or width. */
export function recognizeCommand(input: string): Command | undefined {
  return commandWords.get(normalizeText(input).replace(/\s+/g, ''));
}
