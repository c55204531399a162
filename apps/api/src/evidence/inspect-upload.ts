import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { inflateRawSync } from 'node:zlib';
import { filetypeinfo } from 'magic-bytes.js';
import { SaxesParser } from 'saxes';
import { ProblemException } from '../common/problem';

/** What an accepted upload turned out to be, decided from its bytes alone. */
export interface InspectedUpload {
  /** Media type to store and to serve the file with. */
  mediaType: string;
  /** Canonical extension of that type, without the dot (`pdf`, `jpg`, `xlsx`, `txt`, …). */
  extension: string;
  /** SHA-256 of the bytes, lower-case hex. */
  sha256: string;
  /** Number of bytes. */
  size: number;
  /** Original name made safe for display and Content-Disposition, ending in `.<extension>`. */
  filename: string;
}

export interface UploadedBytes {
  buffer: Buffer;
  originalname: string;
  size: number;
}

interface Kind {
  mediaType: string;
  extension: string;
  /** Extensions in a file name that already agree with the kind (lower case). */
  aliases: readonly string[];
}

const kind = (mediaType: string, extension: string, ...aliases: string[]): Kind => ({
  mediaType,
  extension,
  aliases: [extension, ...aliases],
});

export const EVIDENCE_KINDS = {
  pdf: kind('application/pdf', 'pdf'),
  png: kind('image/png', 'png'),
  jpeg: kind('image/jpeg', 'jpg', 'jpeg', 'jpe'),
  gif: kind('image/gif', 'gif'),
  webp: kind('image/webp', 'webp'),
  xlsx: kind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'),
  docx: kind('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'),
  pptx: kind('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'),
  csv: kind('text/csv; charset=utf-8', 'csv'),
  text: kind('text/plain; charset=utf-8', 'txt'),
} as const satisfies Record<string, Kind>;

/** magic-bytes.js type names we accept as they are (signature at offset 0). */
const MAGIC_KINDS: Record<string, Kind> = {
  pdf: EVIDENCE_KINDS.pdf,
  png: EVIDENCE_KINDS.png,
  jpg: EVIDENCE_KINDS.jpeg,
  gif: EVIDENCE_KINDS.gif,
  webp: EVIDENCE_KINDS.webp,
};

const MB = 1024 * 1024;
const formatMb = (bytes: number) => String(Number((bytes / MB).toFixed(bytes >= MB ? 1 : 3)));

export const evidenceProblems = {
  empty: () =>
    new ProblemException(400, 'EVIDENCE_EMPTY', {
      ja: 'ファイルが空です。内容のあるファイルを選んでください。',
      en: 'The file is empty. Choose a file with content.',
    }),
  tooLarge: (maxBytes: number) =>
    new ProblemException(
      413,
      'EVIDENCE_TOO_LARGE',
      {
        ja: `ファイルが大きすぎます。アップロードできるのは ${formatMb(maxBytes)} MB までです。`,
        en: `The file is too large. Files up to ${formatMb(maxBytes)} MB can be uploaded.`,
      },
      undefined,
      undefined,
      { maxBytes },
    ),
  typeNotAllowed: () =>
    new ProblemException(
      415,
      'EVIDENCE_TYPE_NOT_ALLOWED',
      {
        ja:
          'この種類のファイルはアップロードできません。PDF、画像（PNG・JPEG・GIF・WebP）、' +
          'Excel・Word・PowerPoint（.xlsx・.docx・.pptx）、CSV、テキスト（UTF-8）のファイルを選んでください。',
        en:
          'This kind of file cannot be uploaded. Allowed: PDF, images (PNG, JPEG, GIF, WebP), ' +
          'Excel, Word and PowerPoint (.xlsx, .docx, .pptx), CSV and plain text (UTF-8).',
      },
      undefined,
      undefined,
      { allowed: ['pdf', 'png', 'jpg', 'gif', 'webp', 'xlsx', 'docx', 'pptx', 'csv', 'txt'] },
    ),
};

/**
 * Decides what an uploaded evidence file is from its CONTENT (never its name or the client's Content-Type)
 * and refuses everything that is not an allowed kind:
 * - PDF, PNG, JPEG, GIF, WebP by signature (magic-bytes.js);
 * - .xlsx/.docx/.pptx: a ZIP whose central directory lists `[Content_Types].xml`, whose content types name
 *   the main part of exactly one of the three (macro-enabled variants and any `vbaProject.bin` are refused)
 *   and whose main part exists under `xl/`, `word/` or `ppt/`;
 * - CSV and plain text: the whole buffer is valid UTF-8 without NUL or other control characters (tab, line
 *   breaks and form feed aside), and does not look like markup or a script (HTML, SVG, XML, RTF, PostScript,
 *   `#!`). It is CSV when it has at least two records with the same number (≥ 2) of comma-separated fields.
 *
 * Throws ProblemException: 400 EVIDENCE_EMPTY, 413 EVIDENCE_TOO_LARGE, 415 EVIDENCE_TYPE_NOT_ALLOWED.
 */
export function inspectUpload(file: UploadedBytes, maxBytes: number): InspectedUpload {
  const bytes = file.buffer;
  if (bytes.length === 0) throw evidenceProblems.empty();
  if (bytes.length > maxBytes || file.size > maxBytes) throw evidenceProblems.tooLarge(maxBytes);

  const detected = detectKind(bytes);
  if (!detected) throw evidenceProblems.typeNotAllowed();

  return {
    mediaType: detected.mediaType,
    extension: detected.extension,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    filename: sanitizeFilename(file.originalname, detected),
  };
}

function detectKind(bytes: Buffer): Kind | undefined {
  for (const guess of filetypeinfo(bytes)) {
    const known = MAGIC_KINDS[guess.typename];
    if (known) return known;
  }
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === LOCAL_FILE_HEADER) return officeKind(bytes);
  return textKind(bytes);
}

// ---------------------------------------------------------------------------------------------------------
// Office Open XML

const LOCAL_FILE_HEADER = 0x04034b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const MAX_ENTRIES = 20_000;
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const OFFICE_MAIN_TYPES: Record<string, { kind: Kind; folder: string }> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': {
    kind: EVIDENCE_KINDS.xlsx,
    folder: 'xl/',
  },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': {
    kind: EVIDENCE_KINDS.docx,
    folder: 'word/',
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml': {
    kind: EVIDENCE_KINDS.pptx,
    folder: 'ppt/',
  },
};

function officeKind(bytes: Buffer): Kind | undefined {
  const entries = readCentralDirectory(bytes);
  if (!entries) return undefined;
  const byName = new Map(entries.map((e) => [e.name, e]));
  const isVba = (name: string) => name === 'vbaproject.bin' || name.endsWith('/vbaproject.bin');
  if (entries.some((e) => isVba(e.name.toLowerCase()))) return undefined;
  const contentTypes = byName.get('[Content_Types].xml');
  if (!contentTypes) return undefined;
  const xml = readEntry(bytes, contentTypes);
  if (xml === undefined) return undefined;

  const types = contentTypeEntries(xml);
  if (!types) return undefined;
  const found: Kind[] = [];
  for (const { element, partName, contentType } of types) {
    if (contentType.includes('macroenabled')) return undefined;
    if (element !== 'Override' || partName === undefined) continue;
    const main = Object.hasOwn(OFFICE_MAIN_TYPES, contentType) ? OFFICE_MAIN_TYPES[contentType] : undefined;
    if (!main) continue;
    const entryName = partName.startsWith('/') ? partName.slice(1) : partName;
    if (!entryName.startsWith(main.folder) || !byName.has(entryName)) return undefined;
    found.push(main.kind);
  }
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The `Default` and `Override` elements of `[Content_Types].xml` (content type trimmed and lower-cased), read
 * with an XML parser — never with patterns, which a crafted part can make backtrack — or undefined when the
 * part is not well-formed XML. saxes expands no external or custom entities.
 */
function contentTypeEntries(
  xml: string,
): { element: 'Default' | 'Override'; partName?: string; contentType: string }[] | undefined {
  const found: { element: 'Default' | 'Override'; partName?: string; contentType: string }[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const name = tag.name.slice(tag.name.indexOf(':') + 1);
    if (name !== 'Default' && name !== 'Override') return;
    const attributes = tag.attributes as Record<string, string>;
    const contentType = attributes['ContentType'];
    if (contentType === undefined) return;
    found.push({
      element: name,
      ...(attributes['PartName'] !== undefined ? { partName: attributes['PartName'] } : {}),
      contentType: contentType.trim().toLowerCase(),
    });
  });
  try {
    parser.write(xml).close();
  } catch {
    return undefined;
  }
  return found;
}

/** Entries of a ZIP that starts at offset 0 and ends with its end-of-central-directory record; else undefined. */
function readCentralDirectory(bytes: Buffer): ZipEntry[] | undefined {
  // The EOCD record is 22 bytes plus a comment of up to 65535 bytes, at the very end of the file.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (
      bytes.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY &&
      i + 22 + bytes.readUInt16LE(i + 20) === bytes.length
    ) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const diskNumber = bytes.readUInt16LE(eocd + 4);
  const cdDisk = bytes.readUInt16LE(eocd + 6);
  const count = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  // Single-disk archives only; ZIP64 (0xffff… markers) is never needed for files of a few MB.
  if (diskNumber !== 0 || cdDisk !== 0 || count === 0 || count > MAX_ENTRIES) return undefined;
  if (cdOffset + cdSize !== eocd) return undefined;

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== CENTRAL_DIRECTORY_HEADER) return undefined;
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > eocd) return undefined;
    const entry: ZipEntry = {
      // OOXML part names are ASCII; latin1 keeps every byte as one character for matching.
      name: bytes.toString('latin1', p + 46, p + 46 + nameLength),
      flags: bytes.readUInt16LE(p + 8),
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      uncompressedSize: bytes.readUInt32LE(p + 24),
      localHeaderOffset: bytes.readUInt32LE(p + 42),
    };
    if (entry.localHeaderOffset >= cdOffset) return undefined;
    entries.push(entry);
    p = end;
  }
  return p === eocd ? entries : undefined;
}

/** The text of one small entry (stored or deflated, not encrypted), or undefined when it cannot be read. */
function readEntry(bytes: Buffer, entry: ZipEntry): string | undefined {
  if (entry.flags & 0x1) return undefined; // encrypted
  if (entry.uncompressedSize > MAX_CONTENT_TYPES_BYTES) return undefined;
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_FILE_HEADER) return undefined;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return undefined;
  const data = bytes.subarray(start, end);
  try {
    if (entry.method === 0) return data.toString('utf8');
    if (entry.method === 8) {
      return inflateRawSync(data, { maxOutputLength: MAX_CONTENT_TYPES_BYTES }).toString('utf8');
    }
  } catch {
    return undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// CSV and plain text

/** Control characters other than tab, LF, FF and CR (and DEL): binary, not text. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\v\x0e-\x1f\x7f]/;
/** Markup or scripts a browser or desktop tool could treat as active content. */
const ACTIVE_START = /^(?:<|\{\\rtf|%!PS|#!)/i;
const ACTIVE_ANYWHERE = /<(?:!doctype\s+html|html|head|body|script|iframe|object|embed|svg|\?xml)[\s/>]/i;

function textKind(bytes: Buffer): Kind | undefined {
  if (!isUtf8(bytes)) return undefined;
  let text = bytes.toString('utf8');
  if (text.startsWith('\ufeff')) text = text.slice(1);
  if (CONTROL.test(text)) return undefined;
  if (ACTIVE_START.test(text.trimStart()) || ACTIVE_ANYWHERE.test(text)) return undefined;
  if (text.trim() === '') return undefined;
  return looksLikeCsv(text) ? EVIDENCE_KINDS.csv : EVIDENCE_KINDS.text;
}

/** At least two records, all with the same number (≥ 2) of comma-separated fields (RFC 4180 quoting). */
function looksLikeCsv(text: string): boolean {
  const counts: number[] = [];
  let fields = 1;
  let quoted = false;
  let fieldStart = true;
  let recordEmpty = true;
  const endRecord = () => {
    if (!recordEmpty) counts.push(fields);
    fields = 1;
    fieldStart = true;
    recordEmpty = true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      recordEmpty = false;
    } else if (c === ',') {
      fields++;
      fieldStart = true;
      recordEmpty = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      fieldStart = false;
      recordEmpty = false;
    }
  }
  if (quoted) return false;
  endRecord();
  return counts.length >= 2 && counts[0]! >= 2 && counts.every((n) => n === counts[0]);
}

// ---------------------------------------------------------------------------------------------------------
// File name

const MAX_FILENAME = 200;
/** Longest original name looked at; anything longer is cut before any pattern runs (names are ≤ 255 bytes anyway). */
const MAX_RAW_FILENAME = 1024;
/** Control characters (C0, DEL, C1), bidirectional overrides and isolates, BOM / zero-width no-break space. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Characters Windows refuses in file names or that need escaping in a quoted Content-Disposition value. */
const RESERVED = /["*:<>?|\\]/g;
/** A trailing `.ext` we treat as an extension: 1–5 letters or digits, at least one letter. */
const EXTENSION = /\.([A-Z0-9]{1,5})$/i;

/**
 * Busboy (behind multer) decodes file names as latin1 unless told otherwise, so a UTF-8 name such as
 * `方針.pdf` arrives as `æ–¹é‡.pdf`. When every character fits in a byte and those bytes are valid UTF-8
 * with at least one multi-byte sequence, decode them as UTF-8.
 */
function repairLatin1(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name) || /[\u0100-\uffff]/.test(name)) return name;
  const raw = Buffer.from(name, 'latin1');
  return isUtf8(raw) ? raw.toString('utf8') : name;
}

/** Truncates to at most `max` UTF-16 units without splitting a surrogate pair. */
function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let out = '';
  for (const ch of value) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/**
 * The original name made safe to show and to send in Content-Disposition: path parts, control and
 * bidi-override characters and Windows-reserved characters removed, Unicode NFC (macOS sends decomposed
 * kana), whitespace collapsed, leading/trailing dots and spaces trimmed, at most 200 characters, and ending
 * in the detected extension (replacing a disagreeing one: `evil.exe` holding a PDF becomes `evil.pdf`).
 */
/**
 * An uploaded file's name made safe to show and to put in a Content-Disposition: no folder part, no control or
 * bidi characters, no characters Windows refuses, single spaces, no leading or trailing dots. May be empty.
 */
export function cleanFileName(originalname: string): string {
  // Length first: no pattern below ever sees more than MAX_RAW_FILENAME characters.
  const raw = truncate(typeof originalname === 'string' ? originalname : '', MAX_RAW_FILENAME);
  const name = repairLatin1(raw).normalize('NFC');
  return trimDotsAndSpaces(
    (name.split(/[/\\]/).pop() ?? '').replace(INVISIBLE, '').replace(RESERVED, '_').replace(/\s+/g, ' '),
  );
}

const isDotOrSpace = (c: string): boolean => c === '.' || c.trim() === '';

/** Without trailing dots and white space (a loop: `/[\s.]+$/` moves quadratically over a long run of dots). */
function trimEndDotsAndSpaces(value: string): string {
  let end = value.length;
  while (end > 0 && isDotOrSpace(value[end - 1]!)) end--;
  return value.slice(0, end);
}

/** Without leading and trailing dots and white space. */
function trimDotsAndSpaces(value: string): string {
  const end = trimEndDotsAndSpaces(value).length;
  let start = 0;
  while (start < end && isDotOrSpace(value[start]!)) start++;
  return value.slice(start, end);
}

export function sanitizeFilename(
  originalname: string,
  detected: Pick<Kind, 'extension' | 'aliases'>,
): string {
  const name = cleanFileName(originalname);

  let base = name;
  let ext = detected.extension;
  const match = EXTENSION.exec(name);
  if (match && /[A-Z]/i.test(match[1]!)) {
    base = name.slice(0, match.index);
    if (detected.aliases.includes(match[1]!.toLowerCase())) ext = match[1]!;
  }
  base = trimEndDotsAndSpaces(base);
  base = trimEndDotsAndSpaces(truncate(base, MAX_FILENAME - ext.length - 1));
  if (base === '') base = 'evidence';
  return `${base}.${ext}`;
}
