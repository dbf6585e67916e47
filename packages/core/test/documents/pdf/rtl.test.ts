// How one Arabic line is cut into runs for pdfkit: visual order of the runs, logical order inside an Arabic run.
// The rendering itself is checked through pdftotext in render.test.ts; this pins the cases down without poppler.
import { describe, expect, it } from 'vitest';
import { visualRuns } from '../../../src/documents/pdf/rtl.ts';

describe('visualRuns', () => {
  it('keeps a purely Arabic label whole and in logical order, for fontkit to join and reverse', () => {
    expect(visualRuns('المجموع مع احتساب الرسوم')).toEqual([{ text: 'المجموع مع احتساب الرسوم', rtl: true }]);
    expect(visualRuns('فاتورة')).toEqual([{ text: 'فاتورة', rtl: true }]);
  });

  it('puts numbers and Latin where a right-to-left reader expects them: on the left of the words before them', () => {
    expect(visualRuns('فاتورة رقم FA-2026-00001')).toEqual([
      { text: 'FA-2026-00001', rtl: false },
      { text: 'فاتورة رقم ', rtl: true },
    ]);
    expect(visualRuns('صفحة 1 من 2')).toEqual([
      { text: '2', rtl: false },
      { text: ' من ', rtl: true },
      { text: '1', rtl: false },
      { text: 'صفحة ', rtl: true },
    ]);
  });

  it('mirrors brackets, which fontkit reverses without mirroring', () => {
    expect(visualRuns('المجموع (الرسوم)')).toEqual([{ text: 'المجموع )الرسوم(', rtl: true }]);
  });

  it("takes a document's text direction from its first letter when asked to", () => {
    // The brackets take the direction of the Arabic before them (UBA rule N0): the opening one ends up, mirrored,
    // at the left end of the Arabic run, where it reads as the ")" of "(M01)".
    expect(visualRuns('تعاونية البركة (M01)', 'auto')).toEqual([
      { text: '(', rtl: false },
      { text: 'M01', rtl: false },
      { text: 'تعاونية البركة )', rtl: true },
    ]);
    expect(visualRuns('Coopérative البركة', 'auto')).toEqual([
      { text: 'Coopérative ', rtl: false },
      { text: 'البركة', rtl: true },
    ]);
  });

  it('leaves left-to-right text as it is and refuses several lines at once', () => {
    expect(visualRuns('Total TTC', 'ltr')).toEqual([{ text: 'Total TTC', rtl: false }]);
    expect(visualRuns('')).toEqual([]);
    expect(() => visualRuns('سطر\nسطر')).toThrow(RangeError);
  });
});
