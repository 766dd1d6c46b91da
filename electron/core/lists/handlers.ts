/** Contract handlers for shared lists: pinned platform keys, import, the lists and a subject's entries. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTemp } from '../batches/package';
import { fingerprint } from '../batches/sm2';
import type { Handlers } from '../handlers';
import { getSubject } from '../subjects/queries';
import { importListFile } from './import';
import { listPinnedKeys, pinKey, publicKeysInPem, unpinKey } from './keys';
import { entriesFor, listViews } from './queries';

type ListHandlers = Pick<Handlers, 'lists.keys' | 'lists.pin' | 'lists.unpin' | 'lists.list' | 'lists.import' | 'lists.importFile' | 'lists.subjectEntries'>;

export const listHandlers: ListHandlers = {
  'lists.keys': ({ desk }) => listPinnedKeys(desk.db),

  'lists.pin': ({ desk }, { pem, label }) => {
    const key = publicKeysInPem(pem)[0];
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
    const code = subject.codeType === 'name' ? null : (desk.db.prepare('SELECT code FROM subjects WHERE id = ?').pluck().get(subjectId) as string);
    return entriesFor(desk.db, { code, name: subject.name }, desk.now().toISOString().slice(0, 10));
  },
};
