/**
 * Python's textwrap.wrap with its defaults (break on hyphens, drop whitespace,
 * break long words), which oslopolicy-sample-generator uses for comments. The
 * sample must match the Python tool byte for byte, so the chunking regex is
 * textwrap's own, transcribed.
 */

const WS = '[\\t\\n\\x0b\\x0c\\r ]';
const NWS = '[^\\t\\n\\x0b\\x0c\\r ]';
const WORD = '[\\p{L}\\p{N}_]';
const WORD_PUNCT = `(?:${WORD}|[!"'&.,?])`;
const LETTER = '[\\p{L}_]';
const WORDSEP = new RegExp(
  `(${WS}+` +
    `|(?<=${WORD_PUNCT})-{2,}(?=${WORD})` +
    `|${NWS}+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})` +
    `|(?=${WS}|$)` +
    `|(?<=${WORD_PUNCT})(?=-{2,}${WORD})))`,
  'u',
);

export interface WrapOptions {
  readonly width: number;
  readonly initialIndent?: string;
  readonly subsequentIndent?: string;
}

export function wrapText(text: string, options: WrapOptions): string[] {
  const munged = expandTabs(text).replace(/[\t\n\x0b\x0c\r]/g, ' ');
  const chunks = munged.split(WORDSEP).filter((c) => c !== undefined && c !== '');
  return wrapChunks(chunks.reverse(), options);
}

function wrapChunks(chunks: string[], options: WrapOptions): string[] {
  const lines: string[] = [];
  const isBlank = (s: string): boolean => s.trim() === '';
  while (chunks.length > 0) {
    const current: string[] = [];
    let length = 0;
    const indent = lines.length > 0 ? options.subsequentIndent ?? '' : options.initialIndent ?? '';
    const width = options.width - indent.length;
    if (isBlank(chunks[chunks.length - 1]) && lines.length > 0) chunks.pop();
    while (chunks.length > 0) {
      const size = chunks[chunks.length - 1].length;
      if (length + size > width) break;
      current.push(chunks.pop() as string);
      length += size;
    }
    if (chunks.length > 0 && chunks[chunks.length - 1].length > width) {
      breakLongWord(chunks, current, length, width);
      length = current.reduce((n, c) => n + c.length, 0);
    }
    if (current.length > 0 && isBlank(current[current.length - 1])) {
      length -= (current.pop() as string).length;
    }
    if (current.length > 0) lines.push(indent + current.join(''));
  }
  return lines;
}

/** Puts as much of an over-long chunk on the line as fits, preferring to break after a hyphen. */
function breakLongWord(chunks: string[], current: string[], length: number, width: number): void {
  const spaceLeft = width < 1 ? 1 : width - length;
  const chunk = chunks[chunks.length - 1];
  let end = spaceLeft;
  if (chunk.length > spaceLeft) {
    const hyphen = chunk.lastIndexOf('-', spaceLeft - 1);
    if (hyphen > 0 && /[^-]/.test(chunk.slice(0, hyphen))) end = hyphen + 1;
  }
  current.push(chunk.slice(0, end));
  chunks[chunks.length - 1] = chunk.slice(end);
}

function expandTabs(text: string, size = 8): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let column = 0;
  for (const ch of text) {
    if (ch === '\t') {
      const pad = size - (column % size);
      out += ' '.repeat(pad);
      column += pad;
    } else {
      out += ch;
      column = ch === '\n' || ch === '\r' ? 0 : column + 1;
    }
  }
  return out;
}
