/**
 * Zod probes for `new Function` (its JIT) the first time it builds an object
 * schema; the CSP forbids eval, so the probe is reported as a violation.
 * Turning the JIT off before any schema module loads keeps the page clean.
 * Imported first by main.tsx.
 */
import { z } from 'zod';

z.config({ jitless: true });
