import { S3Error, s3Errors } from './s3-error';
import { manyOf, textOf } from './xml';

/** An object's tags, key to value. */
export type TagSet = Readonly<Record<string, string>>;

/** S3's limits on one object's tags. */
const MAX_TAGS = 10;
const MAX_KEY_CHARS = 128;
const MAX_VALUE_CHARS = 256;
/** The characters S3 allows in tag keys and values (letters, digits, spaces and `+ - = . _ : / @`). */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const invalidTag = (message: string) => new S3Error(400, 'InvalidTag', message);

/** The tags of an `x-amz-tagging` header (URL query encoding), validated; undefined when absent. */
export function tagsOfHeader(value: string | undefined): TagSet | undefined {
  if (value === undefined) return undefined;
  const pairs: [string, string][] = [];
  for (const pair of value.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    pairs.push([decodeTag(eq === -1 ? pair : pair.slice(0, eq)), decodeTag(eq === -1 ? '' : pair.slice(eq + 1))]);
  }
  return validTags(pairs);
}

/** The tags of a PutObjectTagging document (`<Tagging><TagSet><Tag>...`), validated. */
export function tagsOfDocument(doc: Record<string, unknown>): TagSet {
  const tagSet = doc.TagSet;
  if (tagSet === undefined) throw s3Errors.malformedXml();
  return validTags(manyOf(tagSet, 'Tag').map((tag) => [textOf(tag, 'Key') ?? '', textOf(tag, 'Value') ?? '']));
}

/** The tags as the `TagSet` of a GetObjectTagging answer. */
export function tagSetDocument(tags: TagSet | undefined): Record<string, unknown> {
  return {
    TagSet: {
      Tag: Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    },
  };
}

function validTags(pairs: readonly (readonly [string, string])[]): TagSet {
  if (pairs.length > MAX_TAGS) throw invalidTag(`Object tags cannot be greater than ${MAX_TAGS}`);
  const tags: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (key in tags) throw invalidTag('Cannot provide multiple Tags with the same key');
    if (chars(key) > MAX_KEY_CHARS) throw invalidTag(`The TagKey you have provided is too long, max ${MAX_KEY_CHARS}`);
    if (chars(value) > MAX_VALUE_CHARS)
      throw invalidTag(`The TagValue you have provided is too long, max ${MAX_VALUE_CHARS}`);
    if (key === '' || !TAG_TEXT.test(key) || key.toLowerCase().startsWith('aws:'))
      throw invalidTag('The TagKey you have provided is invalid');
    if (!TAG_TEXT.test(value)) throw invalidTag('The TagValue you have provided is invalid');
    tags[key] = value;
  }
  return tags;
}

/** Length in Unicode characters, as S3 counts it. */
function chars(text: string): number {
  return [...text].length;
}

function decodeTag(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw invalidTag('The header x-amz-tagging is not validly URL-encoded');
  }
}
