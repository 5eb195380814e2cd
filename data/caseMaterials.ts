import type { CaseRecord, MaterialFile } from './cases.js';

/**
 * Where one material to hand in stands: nothing received yet, received and waiting for staff,
 * accepted, or rejected (its last file was refused: it must be sent again).
 */
export type MaterialState = 'missing' | 'received' | 'accepted' | 'rejected';

export interface MaterialView {
  key: string;
  state: MaterialState;
  files: MaterialFile[];
}

/** The last file decides: a new file after a rejection is received again. */
function stateOf(files: MaterialFile[]): MaterialState {
  const last = files[files.length - 1];
  return last ? last.status : 'missing';
}

/** Each material of the case's set to hand in, in the set's order, with its files. */
export function materialViews(c: CaseRecord): MaterialView[] {
  return c.materials.toSubmit.map((key) => {
    const files = c.materials.files?.[key] ?? [];
    return { key, state: stateOf(files), files };
  });
}

/** Materials still to come: never received, or rejected by staff. */
export const outstandingMaterials = (c: CaseRecord): string[] =>
  materialViews(c)
    .filter((m) => m.state === 'missing' || m.state === 'rejected')
    .map((m) => m.key);

/** The material a file was received for, when the case holds it. */
export function materialOfFile(c: CaseRecord, fileId: string): { key: string; file: MaterialFile } | undefined {
  for (const [key, files] of Object.entries(c.materials.files ?? {})) {
    const file = files.find((f) => f.fileId === fileId);
    if (file) return { key, file };
  }
  return undefined;
}
