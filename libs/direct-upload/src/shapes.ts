// The upload-session request bodies as zod schemas, for the server that parses them and the OpenAPI document made
// from them. A separate entry from the engine's, so the page's bundle, which only imports their types, has no zod.
export { completePartsShape, createSessionShape, partChecksumShape, partToSignShape } from './lib/session-shapes';
