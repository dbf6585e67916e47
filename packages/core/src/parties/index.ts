// Customers and suppliers shared by the GIE: names and duplicates, field rules, the registry and its CSV import.
// The public face of parties/: everything a route, a job or another capability may use.
export * from './import.ts';
export * from './names.ts';
export * from './parties.ts';
export * from './rules.ts';
