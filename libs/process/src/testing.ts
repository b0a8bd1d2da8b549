// Test helpers shared by the reliability specs, the local cloud's specs and the bench: HTTP clients that misbehave
// on purpose, multipart bodies, a mixed load, and waiting on a condition.
export { eventually, type EventuallyOptions } from './testing/eventually';
export { postHeadersOnly } from './testing/headers-only-post';
export {
  failures,
  startMixedLoad,
  type AcceptedUpload,
  type LoadRecord,
  type MixedLoad,
  type MixedLoadOptions,
} from './testing/mixed-load';
export { fieldPart, filePartHead, MULTIPART_TYPE, multipartTail, singleFileBody } from './testing/multipart';
export { seededRandom } from './testing/seeded-random';
export { useTempDirectory } from './testing/temp-directory';
export {
  readResponse,
  startStreamingUpload,
  type ReadResponse,
  type StreamingUpload,
} from './testing/streaming-upload';
