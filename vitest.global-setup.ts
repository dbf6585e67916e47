// Announces which suites this run executes, so that a skipped engine or browser is never silent.
import { existsSync } from 'node:fs';

export default function setup(): void {
  const engines = process.env.TEST_DATABASE_URL
    ? 'PGlite and PostgreSQL'
    : 'PGlite only (set TEST_DATABASE_URL to add PostgreSQL)';
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = existsSync(chromium) ? `Chromium at ${chromium}` : `NO CHROMIUM at ${chromium}: browser tests will be SKIPPED`;
  const hledger = existsSync('/usr/bin/hledger')
    ? 'hledger found'
    : 'NO HLEDGER: the hledger cross-check will be SKIPPED (apt-get install hledger)';
  console.log(`\n[gie-ecp tests] database engines: ${engines}; browser: ${browser}; ${hledger}\n`);
}
