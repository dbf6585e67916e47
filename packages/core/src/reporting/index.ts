// Reporting: each role's dashboard, the legal statements, the observatory's statistics and files, and the yearly
// activity report. Every figure comes from SQL aggregates as decimal strings; the screens and files only present them.

export * from './activity-report.ts';
export * from './dashboards.ts';
export * from './dashboards-period.ts';
export * from './observatory.ts';
export * from './observatory-export.ts';
export * from './observatory-rules.ts';
export * from './statements.ts';
