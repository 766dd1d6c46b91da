/**
 * Issue 19, item 10: a credit file of 2,000 records with history prints without
 * orphans — no history line at the top of a page away from its record, no heading
 * or category title at the foot of a page without its table — with every decision
 * number on one line, the content summary saying a thing once, and history lines in
 * words (状态：待报送 → 已撤回, not `$state`). Read back with pdftotext, page by page.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PrintPayload } from '../../electron/contract';
import { publicationForRecord } from '../../electron/core/catalog/publication';
import { getCompiledCategory } from '../../electron/core/catalog/registry';
import { validateRecord } from '../../electron/core/catalog/validate';
import { insertRecord, reviseRecord, withdrawRecord } from '../../electron/core/records/service';
import { licenseRow } from '../catalog/fixtures';
import { newCore, setUp, value, withRaw } from '../helpers';
import { pdfPages } from './pdf-tools';

const SUBJECT = '91350200776049653A';
const KINDS = ['罚款', '警告;罚款', '没收违法所得;罚款', '警告', '通报批评'];

function penalty(i: number): Record<string, string> {
  const kinds = KINDS[i % KINDS.length];
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  const year = 2020 + (i % 6);
  return {
    CF_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司',
    CF_XDR_LB: '法人及非法人组织',
    CF_XDR_SHXYM: SUBJECT,
    CF_WSH: `栾市监罚〔${year}〕${1000 + i}号`,
    CF_WFXW: '销售不符合食品安全标准的食品',
    CF_SY: `经查，当事人于${year}年${month}月销售超过保质期的食品共计${(i % 40) + 3}件。`,
    CF_YJ: '《中华人民共和国食品安全法》第一百二十四条第一款',
    CF_CFLB: kinds,
    // 警告 alone: 处罚内容 says the same as 处罚类别 (the summary must say it once).
    CF_NR: kinds.includes('罚款') ? `罚款人民币${(i % 9) + 1}千元` : kinds,
    ...(kinds.includes('罚款') ? { CF_NR_FK: String(((i % 9) + 1) / 10) } : {}),
    ...(kinds.includes('没收') ? { CF_NR_WFFF: '0.05' } : {}),
    CF_JDRQ: `${year}-${month}-${day}`,
    CF_YXQ: `${year + 1}-${month}-${day}`,
    CF_CFJG: '石家庄市栾城区市场监督管理局',
    CF_CFJGDM: '913502000728319549',
    CF_SJLY: '石家庄市栾城区市场监督管理局',
    CF_SJLYDM: '913502000728319549',
  };
}

const HISTORY = /^第 \d+ 版 · /;
const TABLE_HEADER = /^决定文书号\s+决定日期\s+内容摘要/;
const HEADINGS = /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]、)/;

describe('the credit file of 2,000 records with history', () => {
  it('no orphan history lines or headings; decision numbers whole; summaries and history in words', async () => {
    const core = newCore();
    await setUp(core);
    value(await core.invoke('users.add', { login: 'clerk1', name: '录入员甲', roles: ['clerk'], password: 'clerk-pass-1' }));
    value(await core.invoke('users.add', { login: 'archive', name: '周档案', roles: ['archivist'], password: 'archive-pass-1' }));
    const today = '2026-12-07';
    await withRaw(core, (db) => {
      const compiled = getCompiledCategory('penalty');
      db.transaction(() => {
        for (let i = 0; i < 2000; i++) {
          const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
          const first = validateRecord(compiled, penalty(i), { today });
          if (!first.ok) throw new Error(first.errors.map((e) => e.message).join('; '));
          const publication = publicationForRecord('penalty', first.values, { asOf: today });
          const { id } = insertRecord(db, compiled, first.values, 'pending', { by: 'clerk1', at, action: 'create', publication });
          // Versions of several lengths: one, two, three; some withdrawn (a change of state).
          if (i % 3 !== 0) {
            const corrected = validateRecord(compiled, { ...penalty(i), CF_SY: `${penalty(i).CF_SY}（经复核更正）` }, { today });
            if (!corrected.ok) throw new Error(corrected.errors.map((e) => e.message).join('; '));
            reviseRecord(db, compiled, id, corrected.values, { by: 'clerk1', at, action: 'edit', reason: '按决定书原文更正违法事实', publication });
          }
          if (i % 7 === 0) withdrawRecord(db, id, { by: 'clerk1', at, reason: '决定已被复议机关撤销' });
          // Some under objection: 已接收（异议中）-like states take the widest status text.
          if (i % 11 === 0) db.prepare('UPDATE records SET open_marks = 1 WHERE id = ?').run(id);
        }
        // A second category, so a category title falls somewhere down a page.
        const licence = getCompiledCategory('license');
        for (let i = 0; i < 40; i++) {
          const v = validateRecord(licence, licenseRow({ XK_XDR_SHXYM: SUBJECT, XK_XDR_MC: '石家庄市栾城区恒瑞商贸有限公司', XK_WSH: `栾市监许〔2026〕${100 + i}号` }), { today });
          if (!v.ok) throw new Error(v.errors.map((e) => e.message).join('; '));
          insertRecord(db, licence, v.values, 'pending', { by: 'clerk1', at: new Date().toISOString(), action: 'create', publication: null });
        }
      })();
    });
    await withRaw(core, (db) => expect((db.prepare('SELECT count(*) AS n FROM records WHERE open_marks > 0').get() as { n: number }).n).toBe(182));
    value(await core.invoke('auth.logout', {}));
    value(await core.invoke('auth.login', { login: 'archive', password: 'archive-pass-1' }));
    const printed = value<PrintPayload>(await core.invoke('print.creditFile', { code: SUBJECT, withHistory: true }));
    const bytes = Buffer.from(printed.content, 'base64');
    // To look at the pages as images: CREDIT_FILE_PDF=/tmp/file.pdf, then pdftoppm -png.
    if (process.env.CREDIT_FILE_PDF) writeFileSync(process.env.CREDIT_FILE_PDF, bytes);
    const pages = pdfPages(bytes);
    expect(pages.length).toBe(printed.pages);
    expect(pages.length).toBeGreaterThan(100);

    const problems: string[] = [];
    let historyLines = 0;
    let decisionNumbers = 0;
    pages.forEach((text, p) => {
      // The page's body: after the running header, before the footer (打印人 …).
      const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
      const footer = lines.findIndex((l) => l.startsWith('打印人：'));
      const body = lines.slice(1, footer < 0 ? undefined : footer);
      const afterHeader = body.findIndex((l) => TABLE_HEADER.test(l));
      const first = afterHeader >= 0 ? body[afterHeader + 1] : body[0];
      if (first && HISTORY.test(first)) problems.push(`page ${p + 1} starts with a history line: ${first}`);
      const last = body[body.length - 1];
      if (last && HEADINGS.test(last)) problems.push(`page ${p + 1} ends with a heading: ${last}`);
      if (last && TABLE_HEADER.test(last)) problems.push(`page ${p + 1} ends with a table header`);
      for (const l of body) {
        if (HISTORY.test(l)) historyLines++;
        decisionNumbers += (l.match(/栾市监罚〔\d{4}〕\d+号/g) ?? []).length;
        if (/^号(\s|$)/.test(l) || /栾市监罚〔\d{4}〕\d+$/.test(l.split(/\s{2,}/)[0])) problems.push(`page ${p + 1}: a decision number broken: ${l}`);
      }
    });
    expect(problems).toEqual([]);
    expect(historyLines).toBeGreaterThan(3000);
    expect(decisionNumbers).toBe(2000); // each on one line (a wrapped one would not match whole)
    const all = pages.join('\n');
    expect(all).not.toContain('警告：警告');
    expect(all.match(/（异议中）/g)).toHaveLength(182); // each whole on its line
    expect(all).not.toMatch(/\$state|pending|withdrawn/);
    expect(all).toMatch(/状态：待报送 → 已撤回/);
    expect(all).toContain('（一）行政许可（40 条）');
    expect(all).toContain('（二）行政处罚（2,000 条）');
  }, 240_000);
});
