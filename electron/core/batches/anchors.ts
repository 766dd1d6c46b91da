/**
 * The audit anchors a department already holds: the audit head in the manifest of
 * every approved batch stored in its database. Each manifest's SM2 signature is
 * checked against the signing key it names before its anchor is used; a manifest
 * whose signature fails is itself evidence of tampering.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { batches, signingKeys } from '../../../drizzle/schema';
import type { AuditAnchor, AuditAnchorCheck } from '../../contract/types';
import { isAuditHead } from '../audit/head';
import type { SqliteDatabase } from '../store/database';
import { orm } from '../store/orm';
import type { Manifest } from './format';
import { verifySm2 } from './sm2';

export function batchAnchors(db: SqliteDatabase): { anchors: AuditAnchor[]; bad: AuditAnchorCheck[] } {
  const rows = orm(db)
    .select({ sequence: batches.sequence, manifest: batches.manifest, signature: batches.signature, publicKey: signingKeys.publicKey })
    .from(batches)
    .leftJoin(signingKeys, eq(signingKeys.id, batches.signingKeyId))
    .where(and(eq(batches.state, 'approved'), isNotNull(batches.manifest)))
    .orderBy(batches.sequence)
    .all();
  const anchors: AuditAnchor[] = [];
  const bad: AuditAnchorCheck[] = [];
  for (const r of rows) {
    if (r.manifest === null) continue; // never: the query asks for a manifest (narrows the type)
    let head: unknown;
    try {
      head = (JSON.parse(r.manifest) as Manifest).auditHead;
    } catch {
      head = undefined;
    }
    if (!isAuditHead(head)) continue; // signed before manifests carried the head
    const source = `第 ${r.sequence} 批的签名清单`;
    const signed = r.signature !== null && r.publicKey !== null && verifySm2(Buffer.from(r.manifest, 'utf8'), Buffer.from(r.signature, 'base64'), r.publicKey);
    if (signed) anchors.push({ source, ...head });
    else bad.push({ source, ...head, result: 'bad-signature', message: `${source}的签名不成立：数据库中的批次清单被改动过` });
  }
  return { anchors, bad };
}
