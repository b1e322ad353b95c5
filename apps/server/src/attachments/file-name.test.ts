import { describe, expect, it } from 'vitest';
import { contentDisposition, maxFileNameLength, sanitizeFileName } from './file-name.ts';

describe('sanitizeFileName', () => {
  it('keeps ordinary names, in any script', () => {
    expect(sanitizeFileName('Holiday photo.jpg', 'file')).toBe('Holiday photo.jpg');
    expect(sanitizeFileName('Отчёт 2024 📎.pdf', 'file')).toBe('Отчёт 2024 📎.pdf');
  });

  it('drops path parts, control and bidirectional characters', () => {
    expect(sanitizeFileName('/etc/passwd', 'file')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\ada\\cv.docx', 'file')).toBe('cv.docx');
    expect(sanitizeFileName('in\u0000voice\r\n.pdf', 'file')).toBe('invoice.pdf');
    expect(sanitizeFileName('evil\u202Egpj.exe', 'file')).toBe('evilgpj.exe');
  });

  it('falls back when nothing usable is left', () => {
    for (const raw of [undefined, '', '   ', '../', '..', '\u0007']) {
      expect(sanitizeFileName(raw, 'file.png')).toBe('file.png');
    }
  });

  it('shortens long names without losing the extension or splitting a character', () => {
    const cut = sanitizeFileName(`${'x'.repeat(400)}.tar.gz`, 'file');
    expect(cut).toHaveLength(maxFileNameLength);
    expect(cut.endsWith('x.gz')).toBe(true);
    const emoji = sanitizeFileName('😀'.repeat(300), 'file');
    expect(Array.from(emoji)).toHaveLength(maxFileNameLength);
    expect(emoji).toBe('😀'.repeat(maxFileNameLength));
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', 'résumé "final" (1).pdf')).toBe(
      `attachment; filename="r_sum_ _final_ (1).pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22%20%281%29.pdf`,
    );
  });
});
