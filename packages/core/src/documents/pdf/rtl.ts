// Right-to-left text for pdfmake: one Arabic line cut into runs in visual order that pdfkit and fontkit draw correctly.
// Owns the split of labour with fontkit: pdfmake places runs left to right, fontkit reverses and shapes each Arabic run.
import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

/**
 * pdfkit lays out a text word by word (cut after each space, for its width cache) unless OpenType features are asked
 * for, so fontkit would reverse each Arabic word on its own and the words would follow each other left to right.
 * Asking for a feature Arabic always uses anyway (required ligatures, lam-alef) makes pdfkit hand the run over whole.
 */
export const RTL_FEATURES: ['rlig'] = ['rlig'];

/**
 * fontkit picks a run's script from its first letter that has one and reverses the glyphs of an Arabic or Hebrew run
 * itself; a run without such a letter is drawn as given.
 */
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;

/** Whether a text needs visualRuns at all: Latin-only text goes to pdfmake as it is, free to wrap. */
export function hasRightToLeft(text: string): boolean {
  return RTL_LETTER.test(text);
}

/** One run of a line: its text as pdfkit must receive it, and whether it is laid out right to left by fontkit. */
export interface VisualRun {
  text: string;
  rtl: boolean;
}

/**
 * The runs of one line, left to right as they appear on the page; 'auto' takes the direction of the first letter.
 *
 * bidi-js gives the embedding levels and the visual order of the characters. A right-to-left run that fontkit will
 * reverse is handed over in logical order, because fontkit needs that order to join the letters (initial, medial,
 * final forms) and reverses the shaped glyphs itself; giving it visual order would join the letters backwards. Neutral
 * runs (spaces, punctuation) are handed over already reversed. fontkit does not mirror brackets, so bidi-js's mirroring
 * is applied first. Each run must reach fontkit whole: pdfmake would cut it into words and pdfkit lays out each word
 * separately, both placing the words left to right (see RTL_FEATURES).
 */
export function visualRuns(line: string, direction: 'rtl' | 'ltr' | 'auto' = 'rtl'): VisualRun[] {
  if (line === '') return [];
  if (/[\r\n]/.test(line)) throw new RangeError('visualRuns orders one line at a time: split the text into lines first');
  const embedding = bidi.getEmbeddingLevels(line, direction);
  const levels = embedding.levels;
  const mirrored = bidi.getMirroredCharactersMap(line, levels);
  const order = bidi.getReorderedIndices(line, embedding);

  const runs: { level: number; visual: string }[] = [];
  for (const index of order) {
    const level = levels[index] ?? 0;
    const char = mirrored.get(index) ?? line[index] ?? '';
    const last = runs.at(-1);
    if (last && last.level === level) last.visual += char;
    else runs.push({ level, visual: char });
  }
  return runs.map(({ level, visual }) => {
    const rtl = level % 2 === 1 && RTL_LETTER.test(visual);
    return { text: rtl ? [...visual].reverse().join('') : visual, rtl };
  });
}
