/**
 * Shared lists (credit-desk-list/1) through the contract: a key made by the real
 * OpenSSL is pinned, a list packed by `packList` is imported, a newer version
 * replaces it while the old one is kept; and every refusal (no pinned key, an
 * unpinned signer, a changed entry, a missing member, an older version, the same
 * version twice, a wrong count, a bad entry, a changed manifest) comes with its own
 * reason, changes nothing and is audited.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, ListImportResult, PinnedKeyView, SharedListView } from '../../electron/contract';
import { packList, PackError } from '../../electron/core/lists/pack';
import { tempFolder, value, withRaw } from '../helpers';
import { entry, importList, jsonlFile, listDesk, opensslKey, packed, rezip, signedByHand, unzip, type PlatformKey } from './helpers';

let platform: PlatformKey;
let stranger: PlatformKey;

beforeAll(() => {
  const folder = tempFolder();
  platform = opensslKey(folder, 'platform');
  stranger = opensslKey(folder, 'stranger');
});

/** Everything an import could have changed. */
async function listState(core: { dbPath: string }) {
  return withRaw(core, (db) => ({
    lists: db.prepare('SELECT * FROM shared_lists ORDER BY id').all(),
    versions: db.prepare('SELECT id, list_ref, version FROM shared_list_versions ORDER BY id').all(),
    entries: db.prepare('SELECT count(*) AS n FROM shared_list_entries').pluck().get(),
  }));
}

async function refused(core: Awaited<ReturnType<typeof listDesk>>, path: string, refusal: string, reason: RegExp) {
  const before = await listState(core);
  const r = await importList(core, path);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe('BAD_FILE');
  expect((r.error.details as { refusal: string }).refusal).toBe(refusal);
  expect(r.error.message).toMatch(/^名单未导入：/);
  expect(r.error.message).toMatch(reason);
  expect(await listState(core)).toEqual(before);
  const audit = value<{ items: AuditEntry[] }>(await core.invoke('audit.list', { limit: 1 })).items[0];
  expect(audit).toMatchObject({ method: 'lists.import', outcome: 'error', detail: { code: 'BAD_FILE' } });
}

async function pinned(core: Awaited<ReturnType<typeof listDesk>>, key = platform) {
  return value<PinnedKeyView>(await core.invoke('lists.pin', { pem: key.publicPem, label: '栾城区信用信息共享平台' }));
}

describe('shared lists', () => {
  it('pins an OpenSSL key, imports a list, and a newer version replaces it while the old one is kept', async () => {
    const core = await listDesk();
    const key = await pinned(core);
    expect(key.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    expect(key.active).toBe(true);
    // The same fingerprint OpenSSL computes: SM3 over the DER SubjectPublicKeyInfo.
    const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: platform.publicPem });
    const sm3 = execFileSync('openssl', ['dgst', '-sm3', '-r'], { input: der }).toString().split(' ')[0];
    expect(key.fingerprint.replace(/ /g, '')).toBe(sm3.toUpperCase());

    const v1 = await packed({ key: platform, entries: [entry(), entry({ name: '王某某', code: '11010519491231002X', measures: [] })], version: 1 });
    const first = value<ListImportResult>(await importList(core, v1));
    expect(first).toMatchObject({ listId: 'LC-SXZT', version: 1, replaced: null, entryCount: 2 });
    const v2 = await packed({ key: platform, entries: [entry(), entry({ name: '另一家公司', code: '91350100M0001TGQXM' }), entry({ name: '王某某', code: '11010519491231002X' })], version: 2 });
    const second = value<ListImportResult>(await importList(core, v2));
    expect(second).toMatchObject({ version: 2, replaced: 1, entryCount: 3 });

    const lists = value<SharedListView[]>(await core.invoke('lists.list', {}));
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ listId: 'LC-SXZT', listType: '严重失信主体名单', effect: 'sanction', current: { version: 2, entryCount: 3, current: true } });
    expect(lists[0].versions.map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(lists[0].current!.signerFingerprint).toBe(key.fingerprint);
    // The old version's entries stay: 2 + 3.
    const stored = await withRaw(core, (db) => db.prepare('SELECT count(*) FROM shared_list_entries').pluck().get());
    expect(stored).toBe(5);
    const audit = value<{ items: AuditEntry[] }>(await core.invoke('audit.list', { limit: 1 })).items[0];
    expect(audit).toMatchObject({ method: 'lists.import', target: 'list:LC-SXZT', outcome: 'ok', detail: { version: 2, replaced: 1, entries: 3 } });
  });

  it('refuses a list when no key is pinned, and one signed by a key that is not pinned', async () => {
    const core = await listDesk();
    const list = await packed({ key: stranger, entries: [entry()] });
    await refused(core, list, 'NO_PINNED_KEY', /尚未固定任何平台公钥/);
    await pinned(core);
    await refused(core, list, 'UNKNOWN_SIGNER', /不是已固定的平台公钥/);
  });

  it('refuses a list whose signer was unpinned', async () => {
    const core = await listDesk();
    const key = await pinned(core);
    value(await core.invoke('lists.unpin', { keyId: key.keyId, reason: '平台更换密钥' }));
    await pinned(core, stranger);
    await refused(core, await packed({ key: platform, entries: [entry()] }), 'UNKNOWN_SIGNER', /不是已固定的平台公钥/);
    const keys = value<PinnedKeyView[]>(await core.invoke('lists.keys', {}));
    expect(keys.map((k) => k.active)).toEqual([true, false]);
    expect(keys[1]).toMatchObject({ unpinReason: '平台更换密钥', unpinnedBy: 'admin' });
  });

  it('refuses a changed entry, a missing member, an extra member and a changed manifest', async () => {
    const core = await listDesk();
    await pinned(core);
    const folder = tempFolder();
    const good = await packed({ key: platform, entries: [entry(), entry({ name: '第二家公司', code: '913502000728319549' })] });
    const members = await unzip(good);

    const changed = new Map(members);
    changed.set('data/entries.jsonl', Buffer.from(members.get('data/entries.jsonl')!.toString('utf8').replace('第二家公司', '第三家公司')));
    await refused(core, await rezip(join(folder, 'changed.zip'), changed), 'MEMBER_DIGEST', /data\/entries\.jsonl 的摘要与清单不符/);

    const sameSize = new Map(members);
    sameSize.set('data/entries.jsonl', Buffer.from(members.get('data/entries.jsonl')!.toString('utf8').replace('91130111MA0A1B2C2U', '91130111MA0A1B2C3E')));
    await refused(core, await rezip(join(folder, 'same-size.zip'), sameSize), 'MEMBER_DIGEST', /摘要与清单不符/);

    const missing = new Map(members);
    missing.delete('data/entries.jsonl');
    await refused(core, await rezip(join(folder, 'missing.zip'), missing), 'MEMBER_MISSING', /缺少清单所列的成员 data\/entries\.jsonl/);

    const noSignature = new Map(members);
    noSignature.delete('manifest.sig');
    await refused(core, await rezip(join(folder, 'nosig.zip'), noSignature), 'MEMBER_MISSING', /缺少 manifest\.sig/);

    const extra = new Map(members);
    extra.set('data/extra.jsonl', Buffer.from('{}\n'));
    await refused(core, await rezip(join(folder, 'extra.zip'), extra), 'MEMBER_EXTRA', /多出清单未列的成员 data\/extra\.jsonl/);

    const manifest = new Map(members);
    manifest.set('manifest.json', Buffer.from(members.get('manifest.json')!.toString('utf8').replace('"version": 1', '"version": 9')));
    await refused(core, await rezip(join(folder, 'manifest.zip'), manifest), 'BAD_SIGNATURE', /签名无效/);

    // The untouched file still imports.
    value(await importList(core, good));
  });

  it('refuses an older version than the one held, and the same version twice', async () => {
    const core = await listDesk();
    await pinned(core);
    const v1 = await packed({ key: platform, entries: [entry()], version: 1 });
    const v3 = await packed({ key: platform, entries: [entry(), entry({ name: '乙公司', code: '913502000728319549' })], version: 3 });
    value(await importList(core, v3));
    await refused(core, v1, 'OLDER_VERSION', /第 1 版比已导入的第 3 版旧/);
    await refused(core, v3, 'SAME_VERSION', /第 3 版已经导入过/);
    const otherV3 = await packed({ key: platform, entries: [entry({ name: '丙公司', code: '91440101MA5CJQ4N59' })], version: 3 });
    await refused(core, otherV3, 'SAME_VERSION', /同一版本内容不同/);
  });

  it('refuses a properly signed list whose count is wrong or whose entry is bad, naming the line', async () => {
    const core = await listDesk();
    await pinned(core);
    const folder = tempFolder();
    const manifest = {
      format: 'credit-desk-list',
      formatVersion: 1,
      listId: 'LC-HAND',
      name: '手工名单',
      issuer: '某平台',
      listType: '失信被执行人',
      version: 1,
      date: '2026-11-20',
      count: 3,
      signed: { at: '2026-11-20T00:00:00.000Z', keyFingerprint: '' },
    };
    const two = [entry(), entry({ name: '乙' })].map((e) => JSON.stringify(e)).join('\n') + '\n';
    await refused(core, await signedByHand(join(folder, 'count.zip'), platform, manifest, two), 'COUNT_MISMATCH', /有 2 条，清单记载 3 条/);
    const bad = [entry(), entry({ listedOn: '2026-02-30' }), entry()].map((e) => JSON.stringify(e)).join('\n') + '\n';
    await refused(core, await signedByHand(join(folder, 'bad.zip'), platform, manifest, bad), 'ENTRY_INVALID', /data\/entries\.jsonl 第 2 行：listedOn/);
    const notJson = `${JSON.stringify(entry())}\n{oops\n${JSON.stringify(entry())}\n`;
    await refused(core, await signedByHand(join(folder, 'json.zip'), platform, manifest, notJson), 'ENTRY_INVALID', /第 2 行：不是有效的 JSON/);
    await refused(core, await signedByHand(join(folder, 'type.zip'), platform, { ...manifest, listType: '黑名单' }, two), 'MALFORMED', /listType：名单类型应为以下之一/);
    const gbk = Buffer.concat([Buffer.from(`${JSON.stringify(entry())}\n`), Buffer.from([0xc0, 0xbc, 0xb3, 0xc7, 0x0a])]);
    await refused(core, await signedByHand(join(folder, 'utf8.zip'), platform, { ...manifest, count: 2 }, gbk), 'MALFORMED', /data\/entries\.jsonl 不是有效的 UTF-8 文本/);
  });

  it('only an administrator pins keys and imports lists (refusals audited)', async () => {
    const core = await listDesk();
    await core.invoke('auth.logout', {});
    value(await core.invoke('auth.login', { login: 'clerk1', password: 'clerk-pass-1' }));
    const r = await core.invoke('lists.pin', { pem: platform.publicPem, label: '平台' });
    expect(r.ok || r.error.code).toBe('FORBIDDEN');
    const list = await packed({ key: platform, entries: [entry()] });
    const i = await importList(core, list);
    expect(i.ok || i.error.code).toBe('FORBIDDEN');
    const lists = value<SharedListView[]>(await core.invoke('lists.list', {}));
    expect(lists).toEqual([]);
  });
});

describe('list pack', () => {
  it('signs what OpenSSL 3 verifies, with member digests OpenSSL computes', async () => {
    const folder = tempFolder();
    const out = await packed({ key: platform, entries: [entry(), entry({ name: '乙公司', code: null })], version: 4 }, folder);
    const members = await unzip(out);
    expect([...members.keys()]).toEqual(['manifest.json', 'manifest.sig', 'signer.pem', 'data/entries.jsonl']);
    const dir = join(folder, 'openssl');
    execFileSync('mkdir', ['-p', join(dir, 'data')]);
    for (const [name, bytes] of members) writeFileSync(join(dir, name), bytes);
    const verified = execFileSync(
      'openssl',
      ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678'],
      { cwd: dir },
    ).toString();
    expect(verified).toContain('Signature Verified Successfully');
    // …and with the platform's own public key, as pinned.
    writeFileSync(join(dir, 'platform.pem'), platform.publicPem);
    expect(
      execFileSync(
        'openssl',
        ['pkeyutl', '-verify', '-pubin', '-inkey', 'platform.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678'],
        { cwd: dir },
      ).toString(),
    ).toContain('Signature Verified Successfully');
    const m = JSON.parse(members.get('manifest.json')!.toString('utf8')) as { count: number; version: number; members: { sm3: string; sha256: string; size: number }[] };
    expect(m).toMatchObject({ format: 'credit-desk-list', formatVersion: 1, version: 4, count: 2, listType: '严重失信主体名单' });
    expect(execFileSync('openssl', ['dgst', '-sm3', '-r', join(dir, 'data', 'entries.jsonl')]).toString().split(' ')[0]).toBe(m.members[0].sm3);
    expect(execFileSync('sha256sum', [join(dir, 'data', 'entries.jsonl')]).toString().split(' ')[0]).toBe(m.members[0].sha256);
  });

  it('takes a SEC1 key too, and refuses an encrypted key, another curve and a bad line (writing nothing)', async () => {
    const folder = tempFolder();
    // (the key files of beforeAll are gone with its temporary folder: the PEM is kept in memory)
    const pkcs8 = join(folder, 'pkcs8.pem');
    writeFileSync(pkcs8, platform.privatePem);
    const sec1 = join(folder, 'sec1.pem');
    execFileSync('openssl', ['ec', '-in', pkcs8, '-out', sec1], { stdio: 'ignore' });
    const jsonl = jsonlFile([entry()], folder);
    const base = { jsonl, name: '名单', listType: '失信被执行人', issuer: '平台', version: 1, out: join(folder, 'a.zip') };
    const { readFileSync, existsSync } = await import('node:fs');
    await packList({ ...base, keyPem: readFileSync(sec1, 'utf8') });
    expect(existsSync(base.out)).toBe(true);

    const encrypted = join(folder, 'enc.pem');
    execFileSync('openssl', ['pkey', '-in', pkcs8, '-aes256', '-passout', 'pass:secret', '-out', encrypted]);
    await expect(packList({ ...base, out: join(folder, 'b.zip'), keyPem: readFileSync(encrypted, 'utf8') })).rejects.toThrow(/私钥已加密/);
    const p256 = join(folder, 'p256.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', p256]);
    await expect(packList({ ...base, out: join(folder, 'c.zip'), keyPem: readFileSync(p256, 'utf8') })).rejects.toThrow(/不是 SM2 曲线/);
    const bad = jsonlFile([entry(), { ...entry(), expires: '2025-01-01' }], folder, 'bad.jsonl');
    const attempt = packList({ ...base, jsonl: bad, out: join(folder, 'd.zip'), keyPem: platform.privatePem });
    await expect(attempt).rejects.toThrow(PackError);
    await expect(attempt).rejects.toThrow(/第 2 行：expires（2025-01-01）早于 listedOn/);
    expect(existsSync(join(folder, 'd.zip'))).toBe(false);
  });
});
