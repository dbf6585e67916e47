// Writes the sample UBL invoices and credit note into the folder given as first argument, for CI to validate them.
// Owns no logic: the samples live in samples.ts, shared with the tests, so CI validates exactly what the tests check.
import { writeSamples } from './samples.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: tsx packages/core/test/documents/ubl/write-samples.ts <dir>');
  process.exit(2);
}
for (const path of writeSamples(dir)) console.log(path);
