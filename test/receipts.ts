/**
 * Receipts as the platform sends them (issue 18): signed (`credit-desk-receipt/2`)
 * by a platform key the department pinned. Tests that import receipts and are not
 * about signatures use `platformReceipt`: it pins the test platform's key in the
 * department (directly in the database, like an administrator's `lists.pin`, but
 * without a session) and signs the receipt with it. No vitest import.
 */
import { SIGNED_RECEIPT_FORMAT } from '../electron/core/batches/format';
import { fingerprint, generateSigningKey, publicKeyPem, signSm2, type SigningKeyPair } from '../electron/core/batches/sm2';
import { unlockHolder } from '../electron/core/auth/keys';
import { openEncrypted } from '../electron/core/store/database';
import { keyFilePath, readKeyFile } from '../electron/core/store/keyfile';

/** The test platform's key pair, one per process. */
export const TEST_PLATFORM_KEY: SigningKeyPair = generateSigningKey();

/** A `/1` receipt's text signed into a `/2` envelope. */
export function signReceiptText(text: string, key: SigningKeyPair = TEST_PLATFORM_KEY): string {
  const signature = signSm2(Buffer.from(text, 'utf8'), key).toString('base64');
  return JSON.stringify({ format: SIGNED_RECEIPT_FORMAT, receipt: text, signature, signer: publicKeyPem(key.publicKey) }, null, 2);
}

/** Pins `key` as a platform key of the department at `dbPath` (opened with an account's password; admin by default). */
export function pinTestPlatformKey(dbPath: string, key: SigningKeyPair = TEST_PLATFORM_KEY, account = { login: 'admin', password: 'admin-pass-1' }): void {
  const unlocked = unlockHolder(readKeyFile(keyFilePath(dbPath)), account.login, account.password);
  if (!unlocked) throw new Error(`could not unlock ${account.login} to pin the test platform key`);
  const db = openEncrypted(dbPath, unlocked.dataKey);
  try {
    const pinned = db.prepare('SELECT 1 FROM list_keys WHERE public_key = ?').get(key.publicKey);
    if (!pinned) {
      db.prepare('INSERT INTO list_keys (public_key, fingerprint, label, pinned_at, pinned_by) VALUES (?, ?, ?, ?, ?)').run(
        key.publicKey,
        fingerprint(key.publicKey),
        '测试平台',
        new Date().toISOString(),
        account.login,
      );
    }
  } finally {
    db.close();
  }
}

/**
 * A receipt as the platform sends it, base64 for `receipts.import` / `receipts.preview`
 * (fileName `receipt.json`): the test platform's key pinned in the department, the receipt signed by it.
 */
export function platformReceipt(dbPath: string, receipt: unknown, account?: { login: string; password: string }): string {
  pinTestPlatformKey(dbPath, TEST_PLATFORM_KEY, account);
  return Buffer.from(signReceiptText(JSON.stringify(receipt)), 'utf8').toString('base64');
}
