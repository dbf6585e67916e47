// The UBL 2.1 export of issued invoices and credit notes, for Morocco's e-invoicing platform.
// Owns the public surface of the module: the XML writer and the code lists stay internal to it.

export { unitCode } from './codes.ts';
export { toUbl, UBL_CUSTOMIZATION_ID, UBL_PROFILE_ID } from './to-ubl.ts';
