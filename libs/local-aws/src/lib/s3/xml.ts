import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { s3Errors } from './s3-error';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false, processEntities: true });
// Values stay text; only XML's predefined entities are decoded (documents with a DOCTYPE are refused below).
const parser = new XMLParser({ ignoreAttributes: true, processEntities: true, parseTagValue: false, trimValues: true });

/** A response document: `<root xmlns="...">` around the given fields (arrays repeat the element). */
export function xmlDocument(root: string, fields: Record<string, unknown>, withNamespace = true): string {
  const body = withNamespace ? { '@_xmlns': S3_NAMESPACE, ...fields } : fields;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: body }) as string}`;
}

/** Parses a request body that must be a document whose root is `root`; anything else is MalformedXML. */
export function parseXmlRequest(text: string, root: string): Record<string, unknown> {
  let parsed: unknown;
  // A DOCTYPE could declare entities that expand without bound; S3's documents never carry one.
  if (/<!DOCTYPE/i.test(text)) throw s3Errors.malformedXml();
  try {
    parsed = parser.parse(text, true);
  } catch {
    throw s3Errors.malformedXml();
  }
  const doc = (parsed as Record<string, unknown> | undefined)?.[root];
  if (doc === undefined) throw s3Errors.malformedXml();
  return doc === '' ? {} : (doc as Record<string, unknown>);
}

/** A child element that may occur once or many times, always as an array. */
export function manyOf(parent: unknown, name: string): unknown[] {
  const value = (parent as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A child element's text, or undefined. */
export function textOf(parent: unknown, name: string): string | undefined {
  const value = (parent as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
