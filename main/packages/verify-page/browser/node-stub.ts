/**
 * Stands in, in the offline verifier page, for the Node modules (file system, streams, worker
 * threads) that the verifying core imports for its command-line paths but never reaches when
 * it checks a bag read in the page. Any call means a core path the page does not support was
 * taken: it throws instead of misbehaving.
 */
function absent(): never {
  throw new Error('This operation is not available in the verifier page.');
}

/** Never called in the page (see above). */
export const readFile = absent;
/** Never called in the page (see above). */
export const lstat = absent;
/** Never called in the page (see above). */
export const stat = absent;
/** Never called in the page (see above). */
export const readdir = absent;
/** Never called in the page (see above). */
export const open = absent;
/** Never called in the page (see above). */
export const createReadStream = absent;
/** Never called in the page (see above). */
export const existsSync = (): boolean => false;
/** Never called in the page (see above). */
export const pipeline = absent;
/** Never called in the page (see above). */
export class PassThrough {
  constructor() {
    absent();
  }
}
/** Never called in the page (see above). */
export class Transform extends PassThrough {}
/** Never called in the page (see above). */
export class Readable extends PassThrough {}
/** Never called in the page (see above). */
export class Worker extends PassThrough {}
/** Never called in the page (see above). */
export const createRequire = absent;
export default {};
