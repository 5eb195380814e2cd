import { randomBytes } from 'node:crypto';
import type { Clock } from '../../data/clock.js';

/** A file posted to `…/upload`, kept until the bot has fetched it. */
export interface UploadedFile {
  conversationId: string;
  name: string;
  contentType: string;
  bytes: Buffer;
  expiresAt: number;
}

export interface KeptUploadLimits {
  /** How long a file stays fetchable: the bot reads it during the upload's own turn, so minutes are plenty. */
  ttlMs: number;
  /** Bytes kept in all; the oldest files go first beyond it. */
  maxTotalBytes: number;
}

const DEFAULT_KEPT_UPLOADS: KeptUploadLimits = { ttlMs: 15 * 60_000, maxTotalBytes: 64 * 1024 * 1024 };

/**
 * The Direct Line channel's uploads, in this process's memory only: never written to disk (the
 * materials dialog keeps what it accepts, in the data folder, checked), bounded in bytes, each
 * gone after `ttlMs`. A file is found by its conversation and its random id together.
 */
export class DirectLineUploads {
  private readonly files = new Map<string, UploadedFile>();
  private total = 0;

  constructor(
    private readonly clock: Clock,
    private readonly limits: KeptUploadLimits = DEFAULT_KEPT_UPLOADS,
  ) {}

  /** Keeps a file; resolves to its id. */
  keep(conversationId: string, file: { name: string; contentType: string; bytes: Buffer }): string {
    this.sweep();
    const id = randomBytes(18).toString('base64url');
    this.files.set(id, { conversationId, ...file, expiresAt: this.clock.now().getTime() + this.limits.ttlMs });
    this.total += file.bytes.length;
    // Map order is insertion order: the first entries are the oldest.
    for (const [oldId] of this.files) {
      if (this.total <= this.limits.maxTotalBytes || oldId === id) break;
      this.drop(oldId);
    }
    return id;
  }

  /** The file with this id in this conversation, while it is kept. */
  get(conversationId: string, id: string): UploadedFile | undefined {
    this.sweep();
    const file = this.files.get(id);
    return file?.conversationId === conversationId ? file : undefined;
  }

  /** Bytes kept now (for tests and logs). */
  get keptBytes(): number {
    return this.total;
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [id, file] of this.files) if (file.expiresAt <= now) this.drop(id);
  }

  private drop(id: string): void {
    const file = this.files.get(id);
    if (!file) return;
    this.files.delete(id);
    this.total -= file.bytes.length;
  }
}
