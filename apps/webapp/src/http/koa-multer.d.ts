// @koa/multer ships no types: it is multer with promise-returning Koa middleware.
declare module '@koa/multer' {
  import type { Middleware } from 'koa';
  import type { Options, StorageEngine } from 'multer';

  interface KoaMulterInstance {
    any(): Middleware;
    array(fieldName: string, maxCount?: number): Middleware;
    none(): Middleware;
  }
  interface KoaMulter {
    (options?: Options & { defParamCharset?: string }): KoaMulterInstance;
  }
  const multer: KoaMulter;
  export type { StorageEngine };
  export default multer;
}
