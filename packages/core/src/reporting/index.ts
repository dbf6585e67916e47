// Reporting: what the GIE declares and publishes from its books and documents.
// Legal statements live in statements.ts; dashboards and the observatory add their own modules here.
export * from './statements.ts';
