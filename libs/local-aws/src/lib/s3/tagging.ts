import { tagSetDocument, tagsOfDocument, type TagSet } from './object-tags';
import { sendEmpty, sendXml } from './respond';
import { readXmlBody, type S3Request } from './s3-context';
import { s3Errors } from './s3-error';
import { checkScanTagWrite } from './scan-gate';

/** GetObjectTagging: the object's tag set (empty when it has none). */
export async function getObjectTagging(request: S3Request): Promise<void> {
  await request.state.buckets.get(request.bucket);
  const record = await request.state.objects.read(request.bucket, request.key);
  if (!record) throw s3Errors.noSuchKey(request.key);
  sendXml(request.res, 'Tagging', tagSetDocument(record.tags));
}

/** PutObjectTagging: replaces the whole tag set, as S3 does. */
export async function putObjectTagging(request: S3Request): Promise<void> {
  await request.state.buckets.get(request.bucket);
  const tags = tagsOfDocument(await readXmlBody(request, 'Tagging'));
  await replaceTags(request, tags);
  sendEmpty(request.res, 200);
}

/** DeleteObjectTagging: removes every tag; 204. */
export async function deleteObjectTagging(request: S3Request): Promise<void> {
  await request.state.buckets.get(request.bucket);
  await replaceTags(request, {});
  sendEmpty(request.res, 204);
}

function replaceTags(request: S3Request, tags: TagSet): Promise<unknown> {
  return request.state.objects.updateTags(request.bucket, request.key, (current) => {
    // Checked under the key's lock, against the tags the change replaces.
    checkScanTagWrite(request.state.scanGate, request.bucket, request.signature.accessKeyId, {
      before: current.tags,
      after: tags,
    });
    return tags;
  });
}
