// The words printed on an invoice or credit note, in French with the Arabic shown beside them on request.
// Kept apart from the layout so that a translator can review every label in one place.

export interface Label {
  fr: string;
  ar: string;
}

/** Moroccan administrative usage; ض.ق.م is the usual abbreviation of الضريبة على القيمة المضافة (TVA). */
export const LABELS = {
  invoice: { fr: 'FACTURE', ar: 'فاتورة' },
  creditNote: { fr: 'AVOIR', ar: 'إشعار دائن' },
  quote: { fr: 'DEVIS', ar: 'عرض أسعار' },
  preview: { fr: 'APERÇU', ar: 'معاينة' },
  number: { fr: 'N°', ar: 'رقم' },
  correctedInvoice: { fr: 'Avoir sur la facture', ar: 'يتعلق بالفاتورة' },
  issueDate: { fr: "Date d'émission", ar: 'تاريخ الإصدار' },
  dueDate: { fr: "Date d'échéance", ar: 'تاريخ الاستحقاق' },
  paymentTerms: { fr: 'Conditions de paiement', ar: 'شروط الأداء' },
  customer: { fr: 'Client', ar: 'الزبون' },
  onBehalfOf: { fr: 'Pour le compte de', ar: 'لحساب' },
  description: { fr: 'Désignation', ar: 'البيان' },
  quantity: { fr: 'Qté', ar: 'الكمية' },
  unit: { fr: 'Unité', ar: 'الوحدة' },
  unitPrice: { fr: 'P.U. HT', ar: 'الثمن الأحادي' },
  discount: { fr: 'Remise %', ar: 'الخصم %' },
  vatPercent: { fr: 'TVA %', ar: 'ض.ق.م %' },
  amountHt: { fr: 'Montant HT', ar: 'المبلغ' },
  vatSummary: { fr: 'Récapitulatif TVA', ar: 'ملخص الضريبة' },
  rate: { fr: 'Taux', ar: 'النسبة' },
  baseHt: { fr: 'Base HT', ar: 'الأساس' },
  vat: { fr: 'TVA', ar: 'ض.ق.م' },
  exempt: { fr: 'Exonéré', ar: 'معفى' },
  totalHt: { fr: 'Total HT', ar: 'المجموع دون احتساب الرسوم' },
  totalVat: { fr: 'TVA', ar: 'الضريبة على القيمة المضافة' },
  totalTtc: { fr: 'Total TTC', ar: 'المجموع مع احتساب الرسوم' },
  bankDetails: { fr: 'Coordonnées bancaires', ar: 'المعلومات البنكية' },
  bank: { fr: 'Banque', ar: 'البنك' },
  rib: { fr: 'RIB', ar: 'رقم الحساب' },
  notes: { fr: 'Notes', ar: 'ملاحظات' },
  page: { fr: 'Page', ar: 'صفحة' },
  continued: { fr: 'suite', ar: 'تابع' },
  ice: { fr: 'ICE', ar: 'التعريف الموحد للمقاولة' },
  ifNumber: { fr: 'IF', ar: 'التعريف الضريبي' },
  rc: { fr: 'RC', ar: 'السجل التجاري' },
  tp: { fr: 'TP', ar: 'الرسم المهني' },
  cnss: { fr: 'CNSS', ar: 'الضمان الاجتماعي' },
  phone: { fr: 'Tél.', ar: 'الهاتف' },
  email: { fr: 'E-mail', ar: 'البريد الإلكتروني' },
} as const satisfies Record<string, Label>;
