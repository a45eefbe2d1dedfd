/** Sizes of timestamp files, kept apart from the RFC 3161 code so that reading a file does not load pkijs. */

/** Largest reply accepted: a token with a certificate chain is a few kilobytes. */
export const MAX_REPLY_BYTES = 1024 * 1024;

/** Largest trust file accepted (a system CA bundle is about 200 KB). */
export const MAX_PEM_BYTES = 1024 * 1024;
