// Reporting: the observatory's statistics and files, and the yearly activity report (other reports join here).
export * from './activity-report.ts';
export * from './observatory.ts';
export * from './observatory-export.ts';
export * from './observatory-rules.ts';
