import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ProblemException } from '../common/problem';
import { EVIDENCE_KINDS, inspectUpload, sanitizeFilename } from './inspect-upload';

const MAX = 10 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------
// Real bytes for every kind, built here

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP archive (deflated entries) written the way Office writes one. */
function zip(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(entries).length, 8);
  eocd.writeUInt16LE(Object.keys(entries).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

function contentTypes(overrides: Record<string, string>): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    Object.entries(overrides)
      .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
      .join('') +
    '</Types>'
  );
}

const OOXML = 'application/vnd.openxmlformats-officedocument';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="MAIN"/></Relationships>';

function docx(): Buffer {
  return zip({
    '[Content_Types].xml': contentTypes({
      '/word/document.xml': `${OOXML}.wordprocessingml.document.main+xml`,
    }),
    '_rels/.rels': RELS.replace('MAIN', 'word/document.xml'),
    'word/document.xml':
      '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      '<w:body><w:p><w:r><w:t>情報セキュリティ基本方針</w:t></w:r></w:p></w:body></w:document>',
  });
}

function pptx(): Buffer {
  return zip({
    '[Content_Types].xml': contentTypes({
      '/ppt/presentation.xml': `${OOXML}.presentationml.presentation.main+xml`,
    }),
    '_rels/.rels': RELS.replace('MAIN', 'ppt/presentation.xml'),
    'ppt/presentation.xml':
      '<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
  });
}

async function xlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('資産台帳');
  sheet.addRow(['資産', '担当', 'バックアップ']);
  sheet.addRow(['生産管理サーバ', '情報システム課', '毎日']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function pdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
      '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
}

function png(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const jpeg = () =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]),
  ]);
const gif = () =>
  Buffer.concat([
    Buffer.from('GIF89a', 'latin1'),
    Buffer.from([
      0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00,
      0x3b,
    ]),
  ]);
function webp(): Buffer {
  const vp8 = Buffer.concat([Buffer.from('VP8L', 'latin1'), Buffer.from([5, 0, 0, 0, 0x2f, 0, 0, 0, 0, 0])]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(4 + vp8.length);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, Buffer.from('WEBP', 'latin1'), vp8]);
}

const elf = () =>
  Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)]);
function pe(): Buffer {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

const upload = (buffer: Buffer, originalname: string) => ({ buffer, originalname, size: buffer.length });

function problemOf(fn: () => unknown): ProblemException {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemException);
    return error as ProblemException;
  }
  throw new Error('expected a ProblemException');
}

// ---------------------------------------------------------------------------------------------------------

describe('inspectUpload', () => {
  it.each([
    ['policy.pdf', pdf, 'application/pdf', 'pdf'],
    ['screenshot.png', png, 'image/png', 'png'],
    ['photo.jpg', jpeg, 'image/jpeg', 'jpg'],
    ['anim.gif', gif, 'image/gif', 'gif'],
    ['shot.webp', webp, 'image/webp', 'webp'],
    ['規程.docx', docx, `${OOXML}.wordprocessingml.document`, 'docx'],
    ['研修.pptx', pptx, `${OOXML}.presentationml.presentation`, 'pptx'],
  ])('accepts %s by its content', (name, build, mediaType, extension) => {
    const bytes = build();
    expect(inspectUpload(upload(bytes, name), MAX)).toEqual({
      mediaType,
      extension,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      filename: name,
    });
  });

  it('accepts a real .xlsx written by exceljs', async () => {
    const bytes = await xlsx();
    expect(inspectUpload(upload(bytes, '資産台帳.xlsx'), MAX)).toMatchObject({
      mediaType: `${OOXML}.spreadsheetml.sheet`,
      extension: 'xlsx',
      filename: '資産台帳.xlsx',
    });
  });

  it('decides by content, not by name: a PDF named .xlsx comes back as .pdf', () => {
    expect(inspectUpload(upload(pdf(), 'evidence.xlsx'), MAX)).toMatchObject({
      mediaType: 'application/pdf',
      filename: 'evidence.pdf',
    });
    expect(inspectUpload(upload(docx(), 'policy'), MAX).filename).toBe('policy.docx');
  });

  it('accepts a PNG signature followed by garbage as PNG', () => {
    const bytes = Buffer.concat([png().subarray(0, 16), Buffer.from('garbage\0\xff\xfe', 'latin1')]);
    expect(inspectUpload(upload(bytes, 'x.png'), MAX).mediaType).toBe('image/png');
  });

  it('tells CSV from plain text by content, UTF-8 only', () => {
    const csv = Buffer.from(
      '\ufeff資産,担当\r\n"サーバ, 本社","情報システム課\n(兼務)"\r\n端末,総務\r\n',
      'utf8',
    );
    expect(inspectUpload(upload(csv, 'assets.txt'), MAX)).toMatchObject({
      mediaType: 'text/csv; charset=utf-8',
      extension: 'csv',
      filename: 'assets.csv',
    });
    const text = Buffer.from('情報セキュリティ基本方針\n\n1. 目的, 範囲\n2. 体制\n', 'utf8');
    expect(inspectUpload(upload(text, 'policy.txt'), MAX)).toMatchObject({
      mediaType: 'text/plain; charset=utf-8',
      extension: 'txt',
      filename: 'policy.txt',
    });
    expect(inspectUpload(upload(Buffer.from('Hello, world.\n'), 'note.csv'), MAX).filename).toBe('note.txt');
    expect(inspectUpload(upload(Buffer.from('a,b\nc\n'), 'ragged.csv'), MAX).extension).toBe('txt');
  });

  const zipOnly = zip({ 'readme.txt': 'hello', 'data/a.bin': Buffer.alloc(8) });
  const xlsm = zip({
    '[Content_Types].xml': contentTypes({
      '/xl/workbook.xml': 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
    }),
    'xl/workbook.xml': '<workbook/>',
    'xl/vbaProject.bin': Buffer.alloc(16),
  });
  const xlsxWithMacros = zip({
    '[Content_Types].xml': contentTypes({ '/xl/workbook.xml': `${OOXML}.spreadsheetml.sheet.main+xml` }),
    'xl/workbook.xml': '<workbook/>',
    'xl/vbaProject.bin': Buffer.alloc(16),
  });
  const namesOnly = zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
  const missingMainPart = zip({
    '[Content_Types].xml': contentTypes({
      '/word/document.xml': `${OOXML}.wordprocessingml.document.main+xml`,
    }),
    'xl/workbook.xml': '<workbook/>',
  });
  const twoMains = zip({
    '[Content_Types].xml': contentTypes({
      '/word/document.xml': `${OOXML}.wordprocessingml.document.main+xml`,
      '/xl/workbook.xml': `${OOXML}.spreadsheetml.sheet.main+xml`,
    }),
    'word/document.xml': '<document/>',
    'xl/workbook.xml': '<workbook/>',
  });
  const utf8Bom = '\ufeff';

  it.each([
    ['an ELF executable named .pdf', elf(), 'evidence.pdf'],
    ['a PE executable named .pdf', pe(), 'evidence.pdf'],
    ['HTML named .txt', Buffer.from('<!DOCTYPE html><html><body>hi</body></html>'), 'notes.txt'],
    ['HTML after leading text named .txt', Buffer.from('notes\n<script>alert(1)</script>\n'), 'notes.txt'],
    ['SVG named .png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), 'logo.png'],
    ['XML with a BOM', Buffer.from(`${utf8Bom}  <?xml version="1.0"?><a/>`), 'data.txt'],
    ['a shell script', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'run.txt'],
    ['RTF', Buffer.from('{\\rtf1\\ansi hello}'), 'doc.txt'],
    ['a plain zip named .xlsx', zipOnly, 'book.xlsx'],
    ['a macro-enabled workbook named .xlsx', xlsm, 'book.xlsx'],
    ['an .xlsx carrying vbaProject.bin', xlsxWithMacros, 'book.xlsx'],
    ['a zip with the right entry names but no content types', namesOnly, 'book.xlsx'],
    ['a zip whose main part is missing', missingMainPart, 'doc.docx'],
    ['a zip claiming two kinds', twoMains, 'doc.docx'],
    ['an executable with a zip appended', Buffer.concat([pe(), docx()]), 'doc.docx'],
    ['binary with NUL named .csv', Buffer.from('a,b\n1,\0\n'), 'data.csv'],
    ['binary with control characters', Buffer.from('a,b\n1,\x01\x02\n'), 'data.csv'],
    [
      'Shift_JIS text (not UTF-8)',
      Buffer.from([0x96, 0xbc, 0x8f, 0xcc, 0x0a, 0x93, 0x8c, 0x98, 0x61]),
      'a.csv',
    ],
    ['whitespace only', Buffer.from(' \n\t\n'), 'blank.txt'],
    ['a truncated zip header', Buffer.from('PK\x03\x04', 'latin1'), 'a.docx'],
    ['one byte of binary', Buffer.from([0xff]), 'a.bin'],
  ])('refuses %s with 415 EVIDENCE_TYPE_NOT_ALLOWED', (_label, bytes, name) => {
    const error = problemOf(() => inspectUpload(upload(bytes, name), MAX));
    expect(error.httpStatus).toBe(415);
    expect(error.code).toBe('EVIDENCE_TYPE_NOT_ALLOWED');
    expect(error.localized.en).toContain('PDF');
    expect(error.localized.ja).toContain('PDF');
    expect(error.localized.en).toContain('.xlsx');
  });

  it('reads [Content_Types].xml as XML: comments, namespaces, quoting and character references', () => {
    const main = `${OOXML}.wordprocessingml.document.main+xml`;
    const types = (body: string) =>
      zip({
        '[Content_Types].xml': `<?xml version="1.0"?><ct:Types xmlns:ct="http://schemas.openxmlformats.org/package/2006/content-types">${body}</ct:Types>`,
        'word/document.xml': '<document/>',
        'xl/workbook.xml': '<workbook/>',
      });
    const ok = types(`<ct:Override ContentType='${main}' PartName="&#x2F;word/document.xml"/>`);
    expect(inspectUpload(upload(ok, 'a.docx'), MAX).extension).toBe('docx');
    // A pattern would have seen the second main part inside the comment and refused "two kinds".
    const commented = types(
      `<ct:Override PartName="/word/document.xml" ContentType="${main}"/>` +
        `<!-- <Override PartName="/xl/workbook.xml" ContentType="${OOXML}.spreadsheetml.sheet.main+xml"/> -->`,
    );
    expect(inspectUpload(upload(commented, 'a.docx'), MAX).extension).toBe('docx');
    // A macro content type anywhere, Default elements included, refuses the file.
    const macroDefault = types(
      `<ct:Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject.macroEnabled"/>` +
        `<ct:Override PartName="/word/document.xml" ContentType="${main}"/>`,
    );
    expect(problemOf(() => inspectUpload(upload(macroDefault, 'a.docx'), MAX)).code).toBe(
      'EVIDENCE_TYPE_NOT_ALLOWED',
    );
  });

  it('handles a crafted [Content_Types].xml without patterns: unclosed tags, entities, oversize parts', () => {
    // The attack string of the old /<(?:\w+:)?Override\b[^>]*>/g: many tags that never close (quadratic).
    const unclosed = zip({
      '[Content_Types].xml': `<Types>${'<Override PartName="/word/document.xml" '.repeat(25_000)}`,
      'word/document.xml': '<document/>',
    });
    expect(problemOf(() => inspectUpload(upload(unclosed, 'a.docx'), MAX)).code).toBe(
      'EVIDENCE_TYPE_NOT_ALLOWED',
    );
    // Custom entities are not expanded (no "billion laughs"): the part is refused as not well-formed.
    const laughs = zip({
      '[Content_Types].xml':
        '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
        `<Types><Override PartName="/word/document.xml" ContentType="&b;"/></Types>`,
      'word/document.xml': '<document/>',
    });
    expect(problemOf(() => inspectUpload(upload(laughs, 'a.docx'), MAX)).code).toBe(
      'EVIDENCE_TYPE_NOT_ALLOWED',
    );
    // A content-types part over 1 MiB is not read at all.
    const huge = zip({
      '[Content_Types].xml': contentTypes({
        '/word/document.xml': `${OOXML}.wordprocessingml.document.main+xml`,
      }).replace('<Types', `<!--${' '.repeat(1024 * 1024)}--><Types`),
      'word/document.xml': '<document/>',
    });
    expect(problemOf(() => inspectUpload(upload(huge, 'a.docx'), MAX)).code).toBe(
      'EVIDENCE_TYPE_NOT_ALLOWED',
    );
  });

  it('refuses more than maxBytes with 413 stating the limit in MB, and accepts exactly maxBytes', () => {
    const limit = 2 * 1024 * 1024;
    const big = Buffer.alloc(limit + 1, 'a');
    const error = problemOf(() => inspectUpload(upload(big, 'big.txt'), limit));
    expect(error.httpStatus).toBe(413);
    expect(error.code).toBe('EVIDENCE_TOO_LARGE');
    expect(error.localized.en).toContain('2 MB');
    expect(error.localized.ja).toContain('2 MB');
    expect(error.extensions).toEqual({ maxBytes: limit });
    expect(inspectUpload(upload(big.subarray(0, limit), 'big.txt'), limit).size).toBe(limit);
    // The declared size counts too, and the limit message handles fractions.
    const declared = problemOf(() =>
      inspectUpload(
        { buffer: pdf(), originalname: 'a.pdf', size: 1536 * 1024 },
        1024 * 1024 + 512 * 1024 - 1,
      ),
    );
    expect(declared.localized.en).toContain('1.5 MB');
  });

  it('refuses an empty file with 400 EVIDENCE_EMPTY', () => {
    const error = problemOf(() => inspectUpload(upload(Buffer.alloc(0), 'empty.pdf'), MAX));
    expect(error.httpStatus).toBe(400);
    expect(error.code).toBe('EVIDENCE_EMPTY');
  });
});

describe('sanitizeFilename', () => {
  const pdfKind = EVIDENCE_KINDS.pdf;

  it('strips path parts and control and bidi characters, keeps Japanese', () => {
    expect(sanitizeFilename('C:\\Users\\田中\\Desktop\\情報セキュリティ方針.pdf', pdfKind)).toBe(
      '情報セキュリティ方針.pdf',
    );
    expect(sanitizeFilename('../../etc/passwd', pdfKind)).toBe('passwd.pdf');
    expect(sanitizeFilename('a\r\nb\u0000c\u0085.pdf', pdfKind)).toBe('abc.pdf');
    expect(sanitizeFilename('invoice\u202Efdp.exe', pdfKind)).toBe('invoicefdp.pdf');
    expect(sanitizeFilename('say "hi" <now>?.pdf', pdfKind)).toBe('say _hi_ _now__.pdf');
    expect(sanitizeFilename('  ..hidden  name .pdf', pdfKind)).toBe('hidden name.pdf');
  });

  it('replaces a disagreeing extension and keeps an agreeing one', () => {
    expect(sanitizeFilename('evidence.exe', pdfKind)).toBe('evidence.pdf');
    expect(sanitizeFilename('Report.PDF', pdfKind)).toBe('Report.PDF');
    expect(sanitizeFilename('photo.jpeg', EVIDENCE_KINDS.jpeg)).toBe('photo.jpeg');
    expect(sanitizeFilename('photo.png', EVIDENCE_KINDS.jpeg)).toBe('photo.jpg');
    expect(sanitizeFilename('report.2024', pdfKind)).toBe('report.2024.pdf');
    expect(sanitizeFilename('', pdfKind)).toBe('evidence.pdf');
    expect(sanitizeFilename('/tmp/', pdfKind)).toBe('evidence.pdf');
  });

  it('normalizes to NFC and repairs UTF-8 names that arrived decoded as latin1', () => {
    const nfd = 'ガイドライン.pdf'.normalize('NFD');
    expect(sanitizeFilename(nfd, pdfKind)).toBe('ガイドライン.pdf');
    const mojibake = Buffer.from('方針.pdf', 'utf8').toString('latin1');
    expect(sanitizeFilename(mojibake, pdfKind)).toBe('方針.pdf');
    expect(sanitizeFilename('Café.pdf', pdfKind)).toBe('Café.pdf');
  });

  it('cuts a crafted name to 1024 characters before any pattern and trims runs of dots by a loop', () => {
    // The attack string of the old /[\s.]+$/ trims: a long run of dots and spaces, then one other character.
    expect(sanitizeFilename(`${'. '.repeat(100_000)}x`, pdfKind)).toBe('evidence.pdf');
    expect(sanitizeFilename(`a${'. '.repeat(100_000)}`, pdfKind)).toBe('a.pdf');
    expect(sanitizeFilename(`${'a'.repeat(5000)}.pdf`, pdfKind)).toBe(`${'a'.repeat(196)}.pdf`);
  });

  it('keeps at most 200 characters without splitting a character', () => {
    const long = `${'規'.repeat(150)}${'😀'.repeat(60)}.pdf`;
    const name = sanitizeFilename(long, pdfKind);
    expect(name.length).toBeLessThanOrEqual(200);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name.startsWith('規'.repeat(150))).toBe(true);
    expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
