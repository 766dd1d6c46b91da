/** Contract handlers for shared lists: pinned platform keys, import, the lists and a subject's entries. */
import { writeFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { subjects } from '../../../drizzle/schema';
import { join } from 'node:path';
import { withTemp } from '../batches/package';
import { fingerprint } from '../batches/sm2';
import type { Handlers } from '../handlers';
import { CoreError } from '../errors';
import { orm } from '../store/orm';
import { getSubject } from '../subjects/queries';
import { importListFile } from './import';
import { listPinnedKeys, pinKey, publicKeysInPem, unpinKey } from './keys';
import { entriesFor, listViews } from './queries';

type ListHandlers = Pick<Handlers, 'lists.keys' | 'lists.inspectKey' | 'lists.pin' | 'lists.unpin' | 'lists.list' | 'lists.import' | 'lists.importFile' | 'lists.subjectEntries'>;

export const listHandlers: ListHandlers = {
  'lists.keys': ({ desk }) => listPinnedKeys(desk.db),

  'lists.inspectKey': (_ctx, { pem }) => {
    const keys = publicKeysInPem(pem);
    if (keys.length !== 1) throw new CoreError('BAD_INPUT', keys.length === 0 ? '不是 SM2 公钥：应为 PEM 格式的 SubjectPublicKeyInfo（-----BEGIN PUBLIC KEY-----），曲线为 SM2。' : `文件中有 ${keys.length} 个公钥：请一次固定一个。`);
    return { fingerprint: fingerprint(keys[0]) };
  },

  'lists.pin': ({ desk }, { pem, label, fingerprint: compared }) => {
    const key = publicKeysInPem(pem)[0];
    // The administrator compared a fingerprint with the platform's: it must be this key's.
    if (compared !== undefined && key && compared.replace(/\s+/g, '').toUpperCase() !== fingerprint(key).replace(/\s+/g, '').toUpperCase()) {
      throw new CoreError('BAD_INPUT', '核对的指纹与这个公钥的指纹不一致：公钥未固定。');
    }
    return desk.write({ method: 'lists.pin', target: 'lists:keys', detail: { label, fingerprint: key ? fingerprint(key) : null } }, (db) =>
      pinKey(db, pem, label, desk.login!, desk.now().toISOString()),
    );
  },

  'lists.unpin': ({ desk }, { keyId, reason }) =>
    desk.write({ method: 'lists.unpin', target: `listkey:${keyId}`, detail: { reason } }, (db) => unpinKey(db, keyId, reason, desk.login!, desk.now().toISOString())),

  'lists.list': ({ desk }) => listViews(desk.db),

  'lists.import': ({ desk, signal, progress }, { fileName, content }) =>
    withTemp(async (folder) => {
      const path = join(folder, 'list.zip');
      writeFileSync(path, Buffer.from(content, 'base64'), { mode: 0o600 });
      return importListFile(desk, { path, fileName, signal, progress: (n, total) => progress(n, total, 'import') });
    }),

  'lists.importFile': ({ desk, signal, progress }, { path }) =>
    importListFile(desk, { path, fileName: path.split(/[\\/]/).pop()!, signal, progress: (n, total) => progress(n, total, 'import') }),

  'lists.subjectEntries': ({ desk }, { subjectId }) => {
    const subject = getSubject(desk.db, subjectId);
    const code = subject.codeType === 'name' ? null : orm(desk.db).select({ code: subjects.code }).from(subjects).where(eq(subjects.id, subjectId)).get()?.code ?? null;
    return entriesFor(desk.db, { code, name: subject.name }, desk.now().toISOString().slice(0, 10));
  },
};
