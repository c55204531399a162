import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { AppConfig } from '../config/config';
import { assertEvidenceKey, EvidenceNotFoundError, type EvidenceStorage } from './evidence.storage';

const FILE_MODE = 0o640;
const DIR_MODE = 0o750;
/** O_NOFOLLOW where the platform has it (not on Windows): never read through a planted symlink. */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** Duck-typed: errors from Node's fs may come from another realm (jest), where `instanceof Error` is false. */
function isErrno(error: unknown, ...codes: string[]): boolean {
  const code =
    typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === 'string' && codes.includes(code);
}

/**
 * Evidence bytes in a folder on local disk (config `EVIDENCE_DIR`).
 *
 * Key `<orgId>/<uuid>` is stored at `<root>/<orgId>/<h0h1>/<h2h3>/<uuid>`, where `h` is the SHA-256 hex of the
 * key: two fan-out levels keep folders small whatever the id scheme (time-ordered ids would cluster on their
 * own prefix). Keys are validated strictly (see EVIDENCE_KEY_PATTERN: no dots, no leading slash), so a path can
 * never leave the root. Writes go to a temporary file in the destination folder, are fsynced and renamed over
 * the final name (atomic), then the folder is fsynced so the rename survives a crash. Files get mode 0640.
 *
 * Media type and hash are not stored next to the bytes: the database row holds them. `put` verifies that
 * `meta.sha256` is the digest of `data`, so a mismatch is caught before anything is written.
 */
export class LocalDiskStorage implements EvidenceStorage {
  readonly root: string;

  constructor(root: string) {
    if (!root) throw new Error('LocalDiskStorage needs a root folder');
    this.root = resolve(root);
  }

  static fromConfig(config: Pick<AppConfig, 'EVIDENCE_DIR'>): LocalDiskStorage {
    return new LocalDiskStorage(config.EVIDENCE_DIR);
  }

  /** Absolute path of the file for `key`; throws InvalidEvidenceKeyError for a bad key. */
  pathOf(key: string): string {
    assertEvidenceKey(key);
    const segments = key.split('/');
    const name = segments.pop()!;
    const hash = createHash('sha256').update(key).digest('hex');
    const path = join(this.root, ...segments, hash.slice(0, 2), hash.slice(2, 4), name);
    // Belt and braces: the key pattern already rules this out.
    if (!path.startsWith(this.root + sep)) throw new Error('evidence path escapes the storage root');
    return path;
  }

  async put(key: string, data: Buffer, meta: { mediaType: string; sha256: string }): Promise<void> {
    const path = this.pathOf(key);
    const actual = createHash('sha256').update(data).digest('hex');
    if (actual !== meta.sha256.toLowerCase()) {
      throw new Error(`sha256 mismatch for evidence ${key}: expected ${meta.sha256}, got ${actual}`);
    }
    const dir = dirname(path);
    await mkdir(dir, { recursive: true, mode: DIR_MODE });
    // The dot keeps temporary names out of the key space (keys have no dots).
    const temp = join(dir, `.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, FILE_MODE);
    try {
      try {
        await handle.chmod(FILE_MODE); // the umask may have taken bits away
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await this.syncDir(dir);
  }

  async get(key: string): Promise<NodeJS.ReadableStream> {
    const path = this.pathOf(key);
    try {
      const handle = await open(path, constants.O_RDONLY | NOFOLLOW);
      const info = await handle.stat().catch(async (error: unknown) => {
        await handle.close();
        throw error;
      });
      if (!info.isFile()) {
        await handle.close();
        throw new EvidenceNotFoundError();
      }
      return handle.createReadStream();
    } catch (error) {
      if (isErrno(error, 'ENOENT', 'ENOTDIR', 'ELOOP')) throw new EvidenceNotFoundError();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      await unlink(path);
    } catch (error) {
      if (isErrno(error, 'ENOENT', 'ENOTDIR')) return;
      throw error;
    }
    await this.syncDir(dirname(path));
  }

  async exists(key: string): Promise<boolean> {
    const path = this.pathOf(key);
    try {
      return (await stat(path)).isFile();
    } catch (error) {
      if (isErrno(error, 'ENOENT', 'ENOTDIR')) return false;
      throw error;
    }
  }

  /** Makes a rename or unlink in `dir` durable. Not possible on every platform (Windows), so best effort. */
  private async syncDir(dir: string): Promise<void> {
    let handle;
    try {
      handle = await open(dir, constants.O_RDONLY);
      await handle.sync();
    } catch (error) {
      if (!isErrno(error, 'EISDIR', 'EPERM', 'EINVAL', 'EBADF')) throw error;
    } finally {
      await handle?.close();
    }
  }
}
