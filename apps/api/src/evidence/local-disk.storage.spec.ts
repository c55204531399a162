import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import { EVIDENCE_STORAGE_PROVIDER } from './evidence.module';
import { EVIDENCE_STORAGE, EvidenceNotFoundError, InvalidEvidenceKeyError } from './evidence.storage';
import { LocalDiskStorage } from './local-disk.storage';

const ORG = '6f1c1a7e-2b4d-4c1e-9a55-0d6f8a1b2c3d';
const FILE = '0b9e8d7c-6a5b-4f3e-8d2c-1b0a9f8e7d6c';
const KEY = `${ORG}/${FILE}`;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const meta = (data: Buffer) => ({ mediaType: 'application/pdf', sha256: sha256(data) });

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('LocalDiskStorage', () => {
  let root: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tierstar-evidence-'));
    storage = new LocalDiskStorage(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('round-trips put, exists, get and delete', async () => {
    const data = Buffer.from('%PDF-1.4\n証跡\n%%EOF\n', 'utf8');
    expect(await storage.exists(KEY)).toBe(false);

    await storage.put(KEY, data, meta(data));
    expect(await storage.exists(KEY)).toBe(true);
    expect(await readAll(await storage.get(KEY))).toEqual(data);

    await storage.delete(KEY);
    expect(await storage.exists(KEY)).toBe(false);
    await expect(storage.get(KEY)).rejects.toBeInstanceOf(EvidenceNotFoundError);
    await expect(storage.delete(KEY)).resolves.toBeUndefined(); // idempotent
  });

  it('reports a missing key as a 404 EVIDENCE_NOT_FOUND problem', async () => {
    await expect(storage.get(`${ORG}/missing`)).rejects.toMatchObject({
      httpStatus: 404,
      code: 'EVIDENCE_NOT_FOUND',
    });
    await expect(storage.delete(`${ORG}/missing`)).resolves.toBeUndefined();
  });

  it('fans out under the organization, leaves no temporary files and writes mode 0640', async () => {
    const data = Buffer.from('hello');
    await storage.put(KEY, data, meta(data));
    const files = await listFiles(root);
    expect(files).toHaveLength(1);
    const hash = sha256(Buffer.from(KEY));
    expect(files[0]).toBe([ORG, hash.slice(0, 2), hash.slice(2, 4), FILE].join(sep));
    expect(storage.pathOf(KEY)).toBe(join(root, files[0]!));
    if (process.platform !== 'win32') {
      expect((await stat(storage.pathOf(KEY))).mode & 0o777).toBe(0o640);
    }
  });

  it('replaces the bytes when the same key is written again', async () => {
    const first = Buffer.from('first');
    const second = Buffer.from('second version');
    await storage.put(KEY, first, meta(first));
    await storage.put(KEY, second, meta(second));
    expect(await readAll(await storage.get(KEY))).toEqual(second);
    expect(await listFiles(root)).toHaveLength(1);
  });

  it('refuses bytes that do not match the declared sha256 and writes nothing', async () => {
    const data = Buffer.from('payload');
    await expect(
      storage.put(KEY, data, { mediaType: 'text/plain', sha256: sha256(Buffer.from('x')) }),
    ).rejects.toThrow(/sha256 mismatch/);
    expect(await listFiles(root)).toEqual([]);
  });

  it.each([
    '',
    '..',
    '../etc/passwd',
    `${ORG}/../../etc/passwd`,
    `${ORG}/./${FILE}`,
    '/etc/passwd',
    `/${KEY}`,
    `${KEY}/`,
    `${ORG}//${FILE}`,
    `${ORG}\\${FILE}`,
    `${ORG}/${FILE}.pdf`,
    `${ORG.toUpperCase()}/${FILE}`,
    `${ORG}/%2e%2e`,
    `${ORG}/a\0b`,
    `${ORG}/a b`,
    'C:/windows/system32',
    `${ORG}/${'a'.repeat(200)}`,
  ])('refuses the key %j in every operation', async (key) => {
    const data = Buffer.from('x');
    await expect(storage.put(key, data, meta(data))).rejects.toBeInstanceOf(InvalidEvidenceKeyError);
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidEvidenceKeyError);
    await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidEvidenceKeyError);
    await expect(storage.exists(key)).rejects.toBeInstanceOf(InvalidEvidenceKeyError);
    expect(await listFiles(root)).toEqual([]);
  });
});

describe('EVIDENCE_STORAGE_PROVIDER', () => {
  it('provides EVIDENCE_STORAGE as local-disk storage rooted at EVIDENCE_DIR', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tierstar-evidence-module-'));
    @Module({
      imports: [ConfigModule.forRoot({ EVIDENCE_DIR: dir } as AppConfig)],
      providers: [EVIDENCE_STORAGE_PROVIDER],
    })
    class TestModule {}
    const app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    try {
      const storage = app.get<LocalDiskStorage>(EVIDENCE_STORAGE);
      expect(storage).toBeInstanceOf(LocalDiskStorage);
      expect(storage.root).toBe(dir);
    } finally {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
