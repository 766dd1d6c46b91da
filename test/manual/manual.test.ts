/**
 * The user manual's sources (docs/manual): the chapters the issue names, only the
 * Markdown the reader supports, every picture one the e2e walk makes, every page's
 * 本页帮助 pointing at a section that exists, the menu's shortcuts listed, and a
 * search of two Chinese characters finding its section.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allSections, ManualFormatError, manualImages, parseChapter, parseManual, searchManual } from '../../electron/contract/manual';
import { ROLES } from '../../electron/contract/roles';
import { menuTemplate } from '../../electron/host/menu';
import { readManual } from '../../electron/core/manual/source';
import { AUTH_HELP, DASHBOARD_HELP, helpSectionFor, PAGE_HELP } from '../../renderer/src/help/pages';
import { MANUAL_DIR, MANUAL_IMAGES_DIR, MANUAL_SHOTS } from './shots';

const manual = readManual(MANUAL_DIR);
const ids = new Set(allSections(manual).map((s) => s.id));

describe('the user manual', () => {
  it('has a chapter per role, 首次设置 and 常见问题, in that order', () => {
    expect(manual.chapters.map((c) => c.title)).toEqual(['首次设置', '录入员', '审核人', '档案员', '审计员', '系统管理员', '常见问题']);
    for (const c of manual.chapters) expect(c.sections.length, c.title).toBeGreaterThan(2);
  });

  it('names only pictures the e2e walk makes (test/manual/shots.ts), each there as a 1366×768 PNG, and uses every one', () => {
    const named = manualImages(manual);
    const list: readonly string[] = MANUAL_SHOTS;
    expect(named.filter((n) => !list.includes(n)), 'pictures no test makes').toEqual([]);
    expect(list.filter((n) => !named.includes(n)), 'pictures the manual does not use').toEqual([]);
    for (const name of named) {
      const png = readFileSync(join(MANUAL_IMAGES_DIR, `${name}.png`));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], name).toEqual([1366, 768]);
    }
    // And nothing else lies in the folder (a renamed picture would leave its old file behind).
    expect(readdirSync(MANUAL_IMAGES_DIR).filter((f) => !list.includes(f.replace(/\.png$/, '')))).toEqual([]);
  });

  it('a chapter naming a picture no test makes is caught', () => {
    const extra = parseChapter('99-extra.md', '# 附录 {#extra}\n\n![不存在的截图](images/nope.png)\n');
    const named = manualImages({ chapters: [...manual.chapters, extra] });
    expect(named.filter((n) => !(MANUAL_SHOTS as readonly string[]).includes(n))).toEqual(['nope']);
  });

  it('本页帮助 of every page and role opens a section that exists', () => {
    const nav = readFileSync(join(__dirname, '../../renderer/src/pages/shell/nav.tsx'), 'utf8');
    const pages = [...nav.matchAll(/\{ id: '(\w+)'/g)].map((m) => m[1]);
    expect(pages.length).toBeGreaterThan(8);
    for (const page of pages) expect(PAGE_HELP, page).toHaveProperty(page);
    const paths = [
      ...pages.map((p) => [p]),
      ['records', 'penalty', 'new'],
      ['records', 'penalty', 'import'],
      ['records', 'edit', '12'],
      ['batches', 'keys'],
      ['batches', 'rectify'],
      ['checks', 'lists'],
      ...['users', 'backup', 'diagnostics', 'security', 'department'].map((tab) => ['settings', tab]),
    ];
    for (const path of paths) {
      for (const role of ROLES) {
        const id = helpSectionFor(path, [role]);
        expect(ids.has(id), `${path.join('/')} as ${role} → #${id}`).toBe(true);
      }
    }
    for (const id of [...Object.values(AUTH_HELP), ...Object.values(DASHBOARD_HELP)]) expect(ids.has(id), id).toBe(true);
    expect(helpSectionFor(['settings', 'backup'], ['admin'])).toBe('admin-backup');
    expect(helpSectionFor(['batches'], ['approver'])).toBe('approver-review');
    expect(helpSectionFor(['batches'], ['clerk', 'approver'])).toBe('clerk-batches');
  });

  it('lists every keyboard shortcut of the application menu and the pages', () => {
    const shortcuts = allSections(manual).find((s) => s.id === 'setup-shortcuts')!;
    const listed = JSON.stringify(shortcuts.blocks);
    const accelerators = JSON.stringify(menuTemplate({ devTools: false, send: () => {} }))
      .match(/"accelerator":"([^"]+)"/g)!
      .map((a) => a.slice(15, -1).replace('CmdOrCtrl', 'Ctrl'));
    expect(accelerators.length).toBeGreaterThan(4);
    for (const key of [...accelerators, 'Ctrl+N', 'Ctrl+S', 'Esc', '/']) expect(listed, key).toContain(key);
  });

  it('a search of two Chinese characters finds its section, titles first', () => {
    const first = (q: string) => searchManual(manual, q)[0]?.section.id;
    expect(first('备份')).toBe('admin-backup');
    expect(searchManual(manual, '密码').map((h) => h.section.id)).toContain('lost-password');
    expect(first('退回')).toBeDefined();
    expect(searchManual(manual, '恢复码').map((h) => h.section.id)).toContain('lost-recovery-code');
    // Full-width letters and several words.
    expect(first('ＳＭ２ 密钥')).toBe('approver-keys');
    expect(searchManual(manual, '不存在的词语')).toEqual([]);
  });

  it('refuses what the reader does not support, with the file and line', () => {
    const bad = (text: string) => () => parseChapter('x.md', text);
    expect(bad('# 标题\n')).toThrow(ManualFormatError);
    expect(bad('# 章 {#a}\n\n<div>html</div>\n')).toThrow(/x\.md:3: 不支持的写法/);
    expect(bad('# 章 {#a}\n\n```\ncode\n```\n')).toThrow(/不支持的写法/);
    expect(bad('# 章 {#a}\n\n![图](pic.png)\n')).toThrow(/图片须写成/);
    expect(bad('# 章 {#a}\n\n| a | b |\n| c | d |\n')).toThrow(/分隔行/);
    expect(() => parseManual([{ name: '01-a.md', text: '# A {#a}\n\n## B {#a}\n' }])).toThrow(/重复/);
    expect(() => parseManual([{ name: '01-a.md', text: '# A {#a}\n\n见[别处](#nowhere)。\n' }])).toThrow(/#nowhere/);
  });
});
