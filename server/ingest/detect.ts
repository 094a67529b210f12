// Header → field mapping through the synonyms of shapes.ts, and shape detection by scoring every
// shape on the fields its header provides.
import { HEADER_SYNONYMS, SHAPE_FIELDS, signatureFields } from './shapes.ts';
import { normaliseHeader } from './names.ts';
import { SHAPES, type Shape } from './types.ts';

/** field name -> index of the source column that holds it */
export type FieldMap = Record<string, number>;

export interface MappingResult {
  fields: FieldMap;
  /** problems with an explicit mapping (a header that is not in the file) */
  problems: string[];
}

function synonymsOf(shape: Shape, field: string): string[] {
  const key = SHAPE_FIELDS[shape][field]?.synonyms ?? field;
  return HEADER_SYNONYMS[key] ?? [field];
}

function findHeader(headers: string[], wanted: string): number {
  const exact = headers.indexOf(wanted);
  if (exact >= 0) return exact;
  const normalised = normaliseHeader(wanted);
  return headers.findIndex((header) => normaliseHeader(header) === normalised);
}

/**
 * Map the file's headers onto a shape's fields. An explicit mapping wins; then every (field, header)
 * pair found through synonyms is taken best rank first, so `invoice_number` goes to invoice_id even
 * when `document_number` is also a synonym of it and of the ledger's entry_id.
 */
export function mapHeaders(shape: Shape, headers: string[], explicit: Record<string, string> = {}): MappingResult {
  const fields: FieldMap = {};
  const taken = new Set<number>();
  const problems: string[] = [];
  const shapeFields = Object.keys(SHAPE_FIELDS[shape]);
  for (const [field, header] of Object.entries(explicit)) {
    if (!shapeFields.includes(field)) continue;
    const index = findHeader(headers, header);
    if (index < 0) problems.push(`mapping names column "${header}" for ${field}, but the file has no such column`);
    else {
      fields[field] = index;
      taken.add(index);
    }
  }
  const normalised = headers.map(normaliseHeader);
  const candidates: { field: string; index: number; rank: number; order: number }[] = [];
  shapeFields.forEach((field, order) => {
    if (field in fields) return;
    synonymsOf(shape, field).forEach((synonym, rank) => {
      const target = normaliseHeader(synonym);
      normalised.forEach((header, index) => {
        if (header === target) candidates.push({ field, index, rank, order });
      });
    });
  });
  candidates.sort((a, b) => a.rank - b.rank || a.order - b.order || a.index - b.index);
  for (const { field, index } of candidates) {
    if (field in fields || taken.has(index)) continue;
    fields[field] = index;
    taken.add(index);
  }
  return { fields, problems };
}

export function missingSignature(shape: Shape, fields: FieldMap): string[] {
  return signatureFields(shape).filter((field) => !(field in fields));
}

export type Detection = { ok: true; shape: Shape; mapping: MappingResult } | { ok: false; reason: string };

/**
 * Pick the shape whose signature columns are all present and which explains the most columns
 * (an invoice list with a settled date is `settled`, not `invoices`; a file with an entry type is a
 * `ledger`). A tie between complete shapes, or none complete, is refused with what was found.
 */
export function detectShape(headers: string[], explicit: Record<string, string> = {}): Detection {
  const scored = SHAPES.map((shape) => {
    const mapping = mapHeaders(shape, headers, explicit);
    return { shape, mapping, missing: missingSignature(shape, mapping.fields), score: Object.keys(mapping.fields).length };
  });
  const complete = scored.filter((s) => s.missing.length === 0).sort((a, b) => b.score - a.score);
  const found = headers.length ? headers.map((h) => `"${h}"`).join(', ') : '(no columns)';
  if (complete.length === 0) {
    const nearest = [...scored].sort((a, b) => a.missing.length - b.missing.length || b.score - a.score)[0]!;
    return {
      ok: false,
      reason:
        `cannot tell what this file holds from its header (columns: ${found}); closest is ${nearest.shape}, ` +
        `which lacks ${nearest.missing.join(', ')}; pass --as with one of ${SHAPES.join(', ')}`
    };
  }
  const [best, second] = complete;
  if (second && second.score === best!.score) {
    const tied = complete.filter((s) => s.score === best!.score).map((s) => s.shape);
    return {
      ok: false,
      reason: `the header fits ${tied.join(' and ')} equally well (columns: ${found}); pass --as ${tied.join(' or --as ')}`
    };
  }
  return { ok: true, shape: best!.shape, mapping: best!.mapping };
}
