/**
 * The report's JSON Schema (docs/report-schema.json), compiled once: the unit test checks built reports against it
 * and the e2e test checks a real export.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';

const schema = JSON.parse(readFileSync(resolve(__dirname, '../docs/report-schema.json'), 'utf8')) as object;
// `format` is a note for readers: the one date-time field is made by Date.prototype.toISOString.
const check = new Ajv2020({ allErrors: true, validateFormats: false }).compile(schema);

/** The schema's complaints about `report`, as text; empty when it is valid. */
export function schemaErrors(report: unknown): string[] {
  return check(report) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
