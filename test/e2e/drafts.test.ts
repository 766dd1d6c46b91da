/**
 * Issue 19, items 1 and 9, at 1366×768 and 1280×720 in one browser: nothing typed is
 * lost — a clerk's half-filled penalty survives the idle lock (after a countdown) and
 * the 锁定 button and comes back whole with a notice; leaving the changed form asks
 * first and 待办 leads back to it; and a whole penalty record is entered with the
 * keyboard alone (Tab never lands on a select's clear button).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DraftSummary, RecordDetail, SearchResult } from '../../electron/contract';
import { ADMIN, as, browserDesks, CLERK, codeListOnOption, logIn, OFFICE_SCREEN, setUpThroughCore, shot, type Desk } from './helpers';

const SMALL_SCREEN = { width: 1280, height: 720 };

/** Half a penalty, typed as a clerk types it from a paper file. */
async function typeHalf(page: Page, suffix: string) {
  const form = page.getByTestId('record-form');
  await form.locator('#CF_XDR_MC').click();
  await page.keyboard.type(`石家庄市栾城区恒瑞商贸有限公司${suffix}`);
  // Field by field with the pointer, like the fields below (moving by Tab alone is the keyboard test's).
  await form.locator('#CF_XDR_LB').click();
  await page.keyboard.type('法人');
  await codeListOnOption(page, 'CF_XDR_LB');
  await page.keyboard.press('Enter');
  await form.locator('#CF_XDR_SHXYM').click();
  await page.keyboard.type('91350200776049653A');
  await form.locator('#CF_WSH').click();
  await page.keyboard.type(`栾市监罚〔2026〕3${suffix}号`);
  await form.locator('#CF_SY').click();
  await page.keyboard.type('经查，当事人销售超过保质期的食品。');
}

async function expectHalf(page: Page, suffix: string) {
  const form = page.getByTestId('record-form');
  // The draft is put back once the form has loaded: wait for it, then read every field.
  await expect.poll(() => form.locator('#CF_XDR_MC').inputValue()).toBe(`石家庄市栾城区恒瑞商贸有限公司${suffix}`);
  await form.locator('[data-field="CF_XDR_LB"]').getByText('法人及非法人组织').waitFor();
  expect(await form.locator('#CF_XDR_SHXYM').inputValue()).toBe('91350200776049653A');
  expect(await form.locator('#CF_WSH').inputValue()).toBe(`栾市监罚〔2026〕3${suffix}号`);
  expect(await form.locator('#CF_SY').inputValue()).toBe('经查，当事人销售超过保质期的食品。');
}

async function unlock(page: Page) {
  await page.getByRole('heading', { name: '工作台已锁定' }).waitFor({ timeout: 90_000 });
  await page.getByLabel('密码', { exact: true }).fill(CLERK.password);
  await page.getByRole('button', { name: '解锁' }).click();
}

async function drafts(desk: Desk) {
  return desk.invoke<DraftSummary[]>('drafts.list');
}

describe('nothing typed is lost', () => {
  const openDesk = browserDesks();

  it('a half-filled penalty survives the idle lock and the 锁定 button; leaving asks first; 待办 leads back', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    await setUpThroughCore(desk);
    await as(desk, ADMIN);
    await desk.invoke('settings.update', { idleLockMinutes: 1 }); // the shortest the contract allows
    await desk.invoke('auth.logout');
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();

    // --- 1366×768: the idle lock, with a warning first --------------------------------------
    await page.goto(`${desk.bridge.url}#/records/penalty/new`);
    await page.getByTestId('record-form').waitFor();
    await typeHalf(page, '');
    // A minute without activity: the countdown warns for the last 60 s, then the core locks.
    const countdown = page.getByTestId('idle-countdown-text');
    await countdown.getByText(/工作台将在 \d+ 秒后锁定/).waitFor({ timeout: 60_000 });
    await shot(page, 'issue19-01-idle-countdown', { fullPage: false });
    await unlock(page);
    await page.getByTestId('draft-restored').getByText(/已恢复您未保存的填写/).waitFor();
    await expectHalf(page, '');
    await shot(page, 'issue19-01-draft-restored-1366', { fullPage: false });

    // Leaving the changed form asks first; staying keeps everything.
    await page.getByRole('menuitem', { name: '工作台' }).click();
    const ask = page.getByRole('dialog').filter({ hasText: '离开此页？' });
    await ask.getByText('您填写的内容还没有保存').waitFor();
    await shot(page, 'issue19-01-leave-asks', { fullPage: false });
    await ask.getByRole('button', { name: '留在此页' }).click();
    expect(page.url()).toMatch(/#\/records\/penalty\/new$/);
    await expectHalf(page, '');
    // Leaving: the draft stays, and 待办 leads back to it.
    await page.getByRole('menuitem', { name: '工作台' }).click();
    await page.getByRole('dialog').filter({ hasText: '离开此页？' }).getByRole('button', { name: '离开' }).click();
    const back = page.getByTestId('todos').getByTestId('todo-draft');
    await back.getByText('未保存的填写：新增行政处罚记录').waitFor();
    await back.click();
    await page.waitForURL(/#\/records\/penalty\/new$/);
    await page.getByTestId('draft-restored').waitFor();
    await expectHalf(page, '');

    // Thrown away on purpose: the draft goes and the form is empty again.
    expect((await drafts(desk)).map((d) => d.form)).toEqual(['record:new:penalty']);
    await page.getByTestId('draft-discard').click();
    await page.getByTestId('draft-restored').waitFor({ state: 'detached' });
    expect(await page.getByTestId('record-form').locator('#CF_XDR_MC').inputValue()).toBe('');
    expect(await drafts(desk)).toEqual([]);

    // --- 1280×720: the 锁定 button at once after typing (the pending draft is written first) ---
    await page.setViewportSize(SMALL_SCREEN);
    await typeHalf(page, '2');
    await page.getByRole('button', { name: '锁定' }).click();
    await unlock(page);
    await page.getByTestId('draft-restored').waitFor();
    await expectHalf(page, '2');
    await shot(page, 'issue19-01-draft-restored-1280', { fullPage: false });
    expect(desk.problems).toEqual([]);
  });

  it('a whole penalty record entered with the keyboard alone, at 1280×720 and 1366×768', async () => {
    const desk = await openDesk({ viewport: SMALL_SCREEN });
    const { page } = desk;
    await setUpThroughCore(desk);
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    for (const [screen, n, code] of [
      [SMALL_SCREEN, 1, '91350200776049653A'],
      [OFFICE_SCREEN, 2, '91230500MA1B3N1N2M'], // another company: no 已登记主体 suggestion in between
    ] as const) {
      await page.setViewportSize(screen);
      // Ctrl+N: a new record of the list's category, from the keyboard too.
      await page.goto(`${desk.bridge.url}#/records/penalty/new`);
      const form = page.getByTestId('record-form');
      await form.waitFor();
      const order = await form.locator('[data-field]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.field!));
      const values: Record<string, string | null> = {
        CF_XDR_MC: `石家庄市栾城区键盘录入商贸有限公司${n}`,
        CF_XDR_LB: '法人',
        CF_XDR_SHXYM: code,
        CF_FRDB: '张三',
        CF_WSH: `栾市监罚〔2026〕8${n}号`,
        CF_WFXW: '销售过期食品',
        CF_SY: '经查，当事人于2026年2月销售超过保质期的食品。',
        CF_YJ: '《中华人民共和国食品安全法》第一百二十四条',
        CF_CFLB: '罚款',
        CF_NR: '罚款人民币五千元',
        CF_NR_FK: '0.5',
        CF_JDRQ: '2026-03-02',
        CF_YXQ: '2027-03-02',
      };
      // Keyboard alone: the pointer rests in a corner (left mid-screen by the login click, it would sit
      // over the date popup, and antd previews a hovered day in the box while one types).
      await page.mouse.move(0, 0);
      await form.locator(`#${order[0]}`).focus();
      for (let i = 0; i < order.length; i++) {
        const code = order[i];
        const at = await page.evaluate(() => document.activeElement?.id || document.activeElement?.outerHTML.slice(0, 160));
        expect(at, `focus before ${code}`).toBe(code);
        const v = values[code];
        if (v !== undefined && v !== null) {
          await page.keyboard.type(v);
          if (code === 'CF_JDRQ' || code === 'CF_YXQ') expect(await page.locator(`#${code}`).inputValue(), code).toBe(v);
          const role = await page.evaluate(() => document.activeElement?.getAttribute('role'));
          if (role === 'combobox') {
            // A code list: take the option typed once its list shows it highlighted.
            const box = page.locator(`#${code}`);
            await codeListOnOption(page, code);
            await page.keyboard.press('Enter');
            // A single code closes on Enter; a multiple one stays open for more, and Tab closes it.
            const multiple = await box.evaluate((el) => el.closest('.ant-select-multiple') !== null);
            if (!multiple) await page.waitForFunction((id) => document.getElementById(id)?.getAttribute('aria-expanded') === 'false', code);
          }
          if ((await page.evaluate(() => document.activeElement?.closest('.ant-picker') !== null)) === true) await page.keyboard.press('Enter');
        }
        if (i < order.length - 1) await page.keyboard.press('Tab');
      }
      await shot(page, `issue19-09-keyboard-${screen.width}`, { fullPage: false });
      await page.keyboard.press('Control+s');
      await page.waitForURL(/#\/records\/penalty\/all\/\d+$/);
      const id = Number(page.url().split('/').pop());
      await as(desk, CLERK);
      const r = await desk.invoke<RecordDetail>('records.get', { recordId: id });
      expect(r).toMatchObject({ state: 'pending' });
      expect(r.fields).toMatchObject({
        CF_XDR_MC: values.CF_XDR_MC,
        CF_XDR_LB: '法人及非法人组织',
        CF_XDR_SHXYM: code,
        CF_WSH: values.CF_WSH,
        CF_CFLB: ['罚款'],
        CF_NR_FK: '0.5',
        CF_JDRQ: '2026-03-02',
        CF_YXQ: '2027-03-02',
        CF_CFJG: '石家庄市栾城区市场监督管理局',
      });
      // Saved: no draft is left behind.
      expect(await drafts(desk)).toEqual([]);
    }
    expect((await desk.invoke<SearchResult>('records.search', { category: 'penalty' })).total).toBe(2);
    expect(desk.problems).toEqual([]);
  });
});
