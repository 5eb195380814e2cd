import { maskText } from '../data/personalData.js';

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/**
 * One JSON object per line. Every string field is passed through the personal-data mask, so
 * a caller cannot log an ID number or a phone by accident.
 */
export function createLogger(write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const log = (level: string, event: string, fields: LogFields = {}) => {
    const masked: LogFields = {};
    for (const [k, v] of Object.entries(fields)) masked[k] = typeof v === 'string' ? maskText(v) : v;
    write(JSON.stringify({ time: new Date().toISOString(), level, event, ...masked }));
  };
  return { info: (e, f) => log('info', e, f), error: (e, f) => log('error', e, f) };
}

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
