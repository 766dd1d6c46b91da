/**
 * Issue 12, items 5 and 6, at 1366×768: the record form keeps its actions on
 * screen, its summary says what the fields say, an impossible date is named as
 * such, the department is filled in, a known code offers its subject, 保存并继续新增
 * and Ctrl+S save, a clerk sends a failed code check to the approver, and coded
 * values read in words in the record's detail and history.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { penaltyRow } from '../helpers';
import { ADMIN, as, browserDesks, choose, CLERK, date, DEPARTMENT, logIn, OFFICE_SCREEN, setUpThroughCore, shot, toLogin } from './helpers';

const APPROVER = { login: 'boss', name: '赵国强', password: 'boss-pass-1' };
const field = (page: Page, code: string) => page.locator(`#${code}`);

/** Everything but the subject's code and name, for a valid 行政处罚. */
async function fillPenalty(page: Page, no: string) {
  await field(page, 'CF_FRDB').fill('王立新');
  await field(page, 'CF_WSH').fill(no);
  await field(page, 'CF_WFXW').fill('销售过期食品');
  await field(page, 'CF_SY').fill('经查，当事人于2026年2月销售超过保质期的食品。');
  await field(page, 'CF_YJ').fill('《中华人民共和国食品安全法》第一百二十四条');
  await choose(page, 'CF_CFLB', '罚款');
  await field(page, 'CF_NR').fill('罚款人民币五千元');
  await field(page, 'CF_NR_FK').fill('0.5');
  await date(page, 'CF_YXQ', '2027-03-02');
}

/** The footer with the save buttons is inside the window. */
async function actionsOnScreen(page: Page): Promise<boolean> {
  const box = await page.getByTestId('record-save').getByRole('button', { name: '保存并待报送' }).boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= OFFICE_SCREEN.height;
}

describe('the record form', () => {
  const openDesk = browserDesks();

  it('actions stay on screen; the summary follows the fields; impossible dates, the department, known subjects, save and continue, Ctrl+S', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    await setUpThroughCore(desk);
    await as(desk, CLERK);
    await desk.invoke('records.create', {
      category: 'penalty',
      values: penaltyRow({ CF_WSH: '栾市监罚〔2026〕1号', CF_XDR_MC: '石家庄市栾城区德润食品有限公司', CF_XDR_SHXYM: '913502000728319549' }),
    });
    await toLogin(desk);
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();
    await page.goto(`${desk.bridge.url}#/records/penalty/new`);
    await page.getByRole('heading', { name: '新增行政处罚记录' }).waitFor();

    // The department is the penalising authority and the data source.
    expect(await field(page, 'CF_CFJG').inputValue()).toBe(DEPARTMENT.name);
    expect(await field(page, 'CF_CFJGDM').inputValue()).toBe(DEPARTMENT.uscc);
    expect(await field(page, 'CF_SJLY').inputValue()).toBe(DEPARTMENT.name);
    expect(await field(page, 'CF_SJLYDM').inputValue()).toBe(DEPARTMENT.uscc);
    // The actions are on screen, at the top and deep in the form.
    expect(await actionsOnScreen(page)).toBe(true);
    await shot(page, 'issue12-05-form-top', { fullPage: false });
    await field(page, 'CF_YJ').scrollIntoViewIfNeeded();
    expect(await actionsOnScreen(page)).toBe(true);
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(200);
    expect(await actionsOnScreen(page)).toBe(true);
    await page.mouse.wheel(0, -4000);

    // A known code offers its subject's name and type.
    await field(page, 'CF_XDR_SHXYM').fill('913502000728319549');
    const known = page.getByTestId('known-subject');
    await known.getByText('已有此代码的主体：石家庄市栾城区德润食品有限公司（法人及非法人组织）').waitFor();
    await shot(page, 'issue12-05-known-subject', { fullPage: false });
    await known.getByRole('button', { name: '填入名称和类别' }).click();
    expect(await field(page, 'CF_XDR_MC').inputValue()).toBe('石家庄市栾城区德润食品有限公司');
    await known.waitFor({ state: 'detached' });

    // An impossible date is named as such, not erased and called 必填.
    await field(page, 'CF_JDRQ').click();
    await field(page, 'CF_JDRQ').fill('2026-02-30');
    await page.keyboard.press('Tab');
    const dateIssue = page.getByTestId('field-issue-CF_JDRQ');
    await dateIssue.getByText(/不是真实存在的日期/).waitFor();
    expect(await dateIssue.innerText()).not.toContain('必填');
    expect(await dateIssue.innerText()).not.toMatch(/CF_[A-Z]/); // the code shows once, beside the label
    // The summary says exactly what the fields say; fields not reached yet are counted apart.
    const summary = page.getByTestId('validation-summary');
    await summary.getByText(/处有问题/).waitFor();
    // The summary catches up with the fields' own messages as they finish validating.
    const fieldErrors = page.locator('[data-testid="record-form"] .ant-form-item-has-error');
    await expect
      .poll(async () => {
        const shown = await fieldErrors.count();
        return shown > 0 && shown === (await summary.getByTestId('summary-errors').locator('li').count());
      })
      .toBe(true);
    const shownErrors = await fieldErrors.count();
    expect(shownErrors).toBeGreaterThan(0);
    expect(await summary.getByTestId('summary-errors').locator('li').count()).toBe(shownErrors);
    await summary.getByText(`${shownErrors} 处有问题`).waitFor();
    await summary.getByTestId('summary-not-yet').getByText(/另有 \d+ 个必填项尚未填写/).waitFor();
    await page.getByTestId('footer-status').getByText(`${shownErrors} 处有问题`).waitFor();
    await shot(page, 'issue12-05-summary-follows-fields', { fullPage: false });

    // Fixed and completed: 保存并继续新增 gives a fresh form with the department filled in.
    await field(page, 'CF_JDRQ').click();
    await field(page, 'CF_JDRQ').fill('2026-03-02');
    await page.keyboard.press('Enter');
    await fillPenalty(page, '栾市监罚〔2026〕2号');
    await summary.getByText('校验通过，可以保存').waitFor();
    await page.getByTestId('save-next').click();
    await page.getByTestId('saved-next').waitFor();
    expect(page.url()).toMatch(/#\/records\/penalty\/new$/);
    await page.waitForFunction(() => (document.querySelector('#CF_XDR_MC') as HTMLInputElement | null)?.value === '');
    expect(await field(page, 'CF_CFJG').inputValue()).toBe(DEPARTMENT.name);
    await shot(page, 'issue12-05-save-and-continue', { fullPage: false });

    // The next one, saved with Ctrl+S.
    await field(page, 'CF_XDR_SHXYM').fill('913502000728319549');
    await page.getByTestId('known-subject').getByRole('button', { name: '填入名称和类别' }).click();
    await date(page, 'CF_JDRQ', '2026-03-05');
    await fillPenalty(page, '栾市监罚〔2026〕3号');
    await summary.getByText('校验通过，可以保存').waitFor();
    await field(page, 'CF_NR').click();
    await page.keyboard.press('Control+s');
    await page.getByText('记录已保存，等待报送').waitFor();
    await page.getByTestId('record-drawer').getByText('栾市监罚〔2026〕3号').first().waitFor();
    expect((await desk.invoke<{ total: number }>('records.search', { category: 'penalty' })).total).toBe(3);
    expect(desk.problems).toEqual([]);
  });

  it('a clerk sends a failed code check to the approver, who accepts it from the to-do list; coded values read in words', async () => {
    const desk = await openDesk({ viewport: OFFICE_SCREEN });
    const { page } = desk;
    await setUpThroughCore(desk);
    await as(desk, ADMIN);
    await desk.invoke('users.add', { ...APPROVER, roles: ['approver'] });
    await as(desk, CLERK);
    const licence = (
      await desk.invoke<{ recordId: number }>('records.create', {
        category: 'license',
        values: {
          XK_XDR_MC: '石家庄市栾城区德润食品有限公司',
          XK_XDR_LB: '法人及非法人组织',
          XK_XDR_SHXYM: '913502000728319549',
          XK_FRDB: '王立新',
          XK_XKWS: '食品经营许可决定书',
          XK_WSH: '栾市监许〔2026〕8号',
          XK_XKLB: '普通',
          XK_NR: '食品销售',
          XK_JDRQ: '2026-01-10',
          XK_YXQZ: '2026-01-10',
          XK_YXQZI: '2031-01-09',
          XK_XKJG: DEPARTMENT.name,
          XK_XKJGDM: '913502000728319549',
          XK_ZT: '1',
          XK_LYDW: DEPARTMENT.name,
          XK_LYDWDM: '913502000728319549',
        },
      })
    ).recordId;
    await toLogin(desk);
    await logIn(page, CLERK.login, CLERK.password);
    await page.getByText(`您好，${CLERK.name}`).waitFor();

    // 当前状态 in words, in the detail and in the history.
    await page.goto(`${desk.bridge.url}#/records/license/all/${licence}`);
    const drawer = page.getByTestId('record-drawer');
    await drawer.locator('[data-field="XK_ZT"]').getByText('有效（1）').waitFor();
    await shot(page, 'issue12-06-coded-in-detail', { fullPage: false });
    await drawer.getByRole('button', { name: '更正' }).click();
    await page.getByRole('heading', { name: /更正记录：/ }).waitFor();
    await choose(page, 'XK_ZT', '无效');
    await page.getByLabel('更正原因').fill('许可已注销');
    await page.getByRole('button', { name: '保存更正' }).click();
    await page.getByText('已保存为第 2 版').waitFor();
    await page.getByTestId('record-drawer').getByRole('tab', { name: '变更历史' }).click();
    const v2 = page.getByTestId('record-version-2');
    expect((await v2.getByTestId('record-diff').locator('tbody tr').innerText()).replace(/\s+/g, ' ').trim()).toBe('当前状态 有效（1） → 无效（2）');
    await shot(page, 'issue12-06-coded-in-history', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.getByTestId('record-drawer').waitFor({ state: 'detached' });

    // A pilot code: the clerk cannot accept it, but can send it to the approver.
    await page.goto(`${desk.bridge.url}#/records/penalty/new`);
    await page.getByRole('heading', { name: '新增行政处罚记录' }).waitFor();
    await field(page, 'CF_XDR_MC').fill('石家庄市栾城区早期试点商贸有限公司');
    await choose(page, 'CF_XDR_LB', '法人及非法人组织');
    await field(page, 'CF_XDR_SHXYM').fill('91350200776049653B');
    await date(page, 'CF_JDRQ', '2026-03-02');
    await fillPenalty(page, '栾市监罚〔2026〕31号');
    await page.getByTestId('request-hint').waitFor();
    await shot(page, 'issue12-05-request-override', { fullPage: false });
    await page.getByTestId('request-override').click();
    const dialog = page.getByRole('dialog', { name: '请审核人放行' });
    await dialog.getByText(/统一社会信用代码：.*校验位错误/).waitFor();
    await dialog.getByLabel('给审核人的说明').fill('营业执照上即为此代码，早期试点发放');
    await dialog.getByRole('button', { name: '保存草稿并提交审核人' }).click();
    await page.getByText('已保存为草稿，等待审核人放行').waitFor();
    await page.getByTestId('record-drawer').getByTestId('detail-override-request').waitFor();
    await page.getByTestId('record-drawer').getByTestId('record-state').getByText('草稿').first().waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('record-drawer').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '退出登录' }).click();

    // The approver: the request among the to-dos, accepted with a reason.
    await logIn(page, APPROVER.login, APPROVER.password);
    const todo = page.getByTestId('todo-accept');
    await todo.getByText('待您放行：石家庄市栾城区早期试点商贸有限公司（栾市监罚〔2026〕31号）').waitFor();
    await todo.getByText(/李晓梅 请求放行；说明：营业执照上即为此代码，早期试点发放/).waitFor();
    await todo.click();
    await page.getByTestId('override-request').getByText(/李晓梅 于 .* 请审核人放行以下问题/).waitFor();
    const override = page.getByTestId('override-CF_XDR_SHXYM');
    await override.getByLabel('以审核人身份放行此项（如早期试点代码）').check();
    await override.getByLabel('放行理由').fill('早期试点代码，经登记机关核实合法');
    await page.getByLabel('更正原因').fill('审核人放行试点代码');
    await page.getByTestId('validation-summary').getByText('校验通过，可以保存').waitFor();
    await shot(page, 'issue12-05-approver-accepts', { fullPage: false });
    await page.getByRole('button', { name: '保存并待报送' }).click();
    await page.getByText('已保存为第 2 版').waitFor();
    await page.locator('.ant-drawer-header').getByTestId('record-state').getByText('待报送').waitFor();
    await page.goto(`${desk.bridge.url}#/dashboard`);
    await page.getByTestId('todos').waitFor();
    expect(await page.getByTestId('todo-accept').count()).toBe(0);
    expect(desk.problems).toEqual([]);
  });
});
