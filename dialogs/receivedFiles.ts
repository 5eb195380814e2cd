import type { TurnContext } from 'botbuilder';

/** A file a person sent in the chat, its bytes fetched (not yet checked: see data/files/inspectUpload). */
export interface ReceivedFile {
  name?: string;
  declaredType?: string;
  bytes: Buffer;
}

export type DownloadProblem = 'tooLarge' | 'refusedHost' | 'unreachable' | 'badDataUrl';
export type Download = { ok: true; file: ReceivedFile } | { ok: false; problem: DownloadProblem; name?: string };

/**
 * Where this turn's fetched files are kept in the turn state. The transport (bot/attachmentDownloads)
 * puts them there before the dialogs run; the dialogs read them here, so neither imports the other's folder upward.
 */
export const RECEIVED_FILES = Symbol('receivedFiles');

/** The files of this turn's message, fetched by `attachmentDownloads`; undefined when it had none. */
export const receivedFiles = (context: TurnContext): Download[] | undefined => context.turnState.get(RECEIVED_FILES);
