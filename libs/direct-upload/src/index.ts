// The direct-upload engine: parts sent straight to S3 through presigned URLs, driven by the page and the bench.
export {
  uploadDirect,
  type DirectUploadHandle,
  type DirectUploadOptions,
  type UploadResult,
} from './lib/direct-upload';
export { PartSigner, type SignedPart } from './lib/part-signer';
export { runLimited } from './lib/run-limited';
export type { DonePart } from './lib/session-api';
export { PARTS_IN_FLIGHT } from './lib/transfer-policy';
