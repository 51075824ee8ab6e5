/**
 * A small PDF 1.4 writer: text in the standard Helvetica fonts (no embedding), horizontal rules,
 * any number of A4 pages, and a cross-reference table with exact byte offsets. Enough for invoices;
 * no library, so nothing else reaches the document.
 */
export interface PdfText {
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly text: string;
  readonly bold?: boolean;
  /** 'right' puts the text's end at x. */
  readonly align?: 'left' | 'right';
}

export interface PdfRule {
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
}

export interface PdfPage {
  readonly texts: readonly PdfText[];
  readonly rules?: readonly PdfRule[];
}

export const a4 = { width: 595, height: 842 } as const;

// Advance widths (1/1000 em) of the printable ASCII range 32..126, from the Adobe Helvetica AFM files.
const regularWidths = [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584];
const boldWidths = [278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584];

/** WinAnsiEncoding bytes for the characters outside Latin-1 that invoices meet. */
const winAnsiExtras: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '™': 0x99 };

/** One byte per character in WinAnsiEncoding; what the font cannot show becomes "?". */
export function winAnsiBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (char === '\u202f' || char === '\u2009' || char === '\t') bytes.push(0x20);
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else bytes.push(winAnsiExtras[char] ?? 0x3f);
  }
  return Buffer.from(bytes);
}

/** Width of a text in points, for right alignment and wrapping. */
export function textWidth(text: string, size: number, bold = false): number {
  const widths = bold ? boldWidths : regularWidths;
  let units = 0;
  for (const byte of winAnsiBytes(text)) units += byte >= 32 && byte <= 126 ? widths[byte - 32]! : byte === 0xa0 ? 278 : 556;
  return (units * size) / 1000;
}

/** Splits text into lines no wider than `width` points (words longer than a line are cut). */
export function wrapText(text: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word;
      while (textWidth(rest, size, bold) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && textWidth(rest.slice(0, cut), size, bold) > width) cut -= 1;
        if (line) lines.push(line);
        lines.push(rest.slice(0, cut));
        line = '';
        rest = rest.slice(cut);
      }
      const candidate = line ? `${line} ${rest}` : rest;
      if (textWidth(candidate, size, bold) <= width) line = candidate;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** A PDF literal string: backslash, parentheses and line breaks escaped, bytes in WinAnsi. */
function literal(text: string): Buffer {
  const raw = winAnsiBytes(text);
  const out: number[] = [0x28];
  for (const byte of raw) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out.push(0x5c);
    out.push(byte);
  }
  out.push(0x29);
  return Buffer.from(out);
}

const number = (value: number) => (Math.round(value * 100) / 100).toString();

function contentStream(page: PdfPage): Buffer {
  const parts: Buffer[] = [];
  for (const rule of page.rules ?? []) parts.push(Buffer.from(`0.5 w ${number(rule.x1)} ${number(rule.y)} m ${number(rule.x2)} ${number(rule.y)} l S\n`, 'latin1'));
  for (const text of page.texts) {
    const x = text.align === 'right' ? text.x - textWidth(text.text, text.size, text.bold) : text.x;
    parts.push(Buffer.from(`BT /${text.bold ? 'F2' : 'F1'} ${number(text.size)} Tf ${number(x)} ${number(text.y)} Td `, 'latin1'), literal(text.text), Buffer.from(' Tj ET\n', 'latin1'));
  }
  return Buffer.concat(parts);
}

/** The whole document; object numbers and xref offsets are computed from the bytes actually written. */
export function renderPdf(pages: readonly PdfPage[], info: { readonly title: string; readonly createdAt: Date }): Buffer {
  if (pages.length === 0) throw new Error('A PDF needs at least one page');
  const objects: Buffer[] = [];
  const pageIds = pages.map((_, i) => 5 + i * 2);
  const infoId = 5 + pages.length * 2;
  objects.push(Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'));
  objects.push(Buffer.from(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`, 'latin1'));
  objects.push(Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>', 'latin1'));
  objects.push(Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>', 'latin1'));
  for (const [i, page] of pages.entries()) {
    objects.push(Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${a4.width} ${a4.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`, 'latin1'));
    const stream = contentStream(page);
    objects.push(Buffer.concat([Buffer.from(`<< /Length ${stream.length} >>\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream', 'latin1')]));
  }
  const created = info.createdAt.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  objects.push(Buffer.concat([Buffer.from('<< /Title ', 'latin1'), literal(info.title), Buffer.from(` /Producer (Custodian) /CreationDate (D:${created}Z) >>`, 'latin1')]));

  // A binary comment after the header tells transfer tools the file is binary (PDF 1.4, 7.5.2).
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    offset += chunk.length;
  });
  // Each xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, two-byte EOL.
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${infoId} 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}
