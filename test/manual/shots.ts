/**
 * The pictures of the user manual: every screenshot test/e2e/manual-shots.test.ts
 * takes (1366×768, demo data) and saves as docs/manual/images/<name>.png. The e2e
 * walk fails when it did not make one of these; test/manual/manual.test.ts fails
 * when the manual names a picture that is not here (so no test makes it).
 */
import { fileURLToPath } from 'node:url';

export const MANUAL_DIR = fileURLToPath(new URL('../../docs/manual', import.meta.url));
export const MANUAL_IMAGES_DIR = fileURLToPath(new URL('../../docs/manual/images', import.meta.url));

export const MANUAL_SHOTS = [
  'setup-department',
  'login',
  'help',
  'about',
  'clerk-dashboard',
  'records-list',
  'record-form',
  'import',
  'batches-pending',
  'check-one',
  'objections',
  'approver-dashboard',
  'keys',
  'batch-review',
  'archivist-dashboard',
  'credit-file',
  'print-preview',
  'print-log',
  'auditor-dashboard',
  'audit',
  'admin-dashboard',
  'users',
  'backup',
  'diagnostics',
] as const;

export type ManualShot = (typeof MANUAL_SHOTS)[number];
