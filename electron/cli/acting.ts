/**
 * Most commands act as a person: `--db FILE --as LOGIN`, their password from
 * CREDIT_DESK_PASSWORD or a hidden prompt, then contract calls, then logout.
 */
import type { SessionUser } from '../contract/types';
import type { CommandContext } from './command';
import { PASSWORD_ENV } from './secrets';
import { withDesk, type DeskSession } from './session';

const actingPassword = (login: string) => `用户 ${login} 的密码`;

/** Fails early (exit 2) when the acting person's password cannot be had. */
export function checkActingPassword(ctx: CommandContext<'as'>): void {
  ctx.secrets.ensureAvailable(actingPassword(ctx.args.need('as')), [PASSWORD_ENV]);
}

/** Logs in as --as with CREDIT_DESK_PASSWORD or a typed password; returns who and the password (some steps confirm it). */
export async function loginAs(desk: DeskSession, ctx: CommandContext<'as'>): Promise<{ user: SessionUser; password: string }> {
  const login = ctx.args.need('as');
  const password = await ctx.secrets.existing(actingPassword(login), [PASSWORD_ENV], `请输入 ${login} 的密码：`);
  return { user: await desk.login(login, password), password };
}

/** Opens --db, logs in as --as, runs `fn`, and always logs out and closes. */
export function actAs<T>(ctx: CommandContext<'db' | 'as'>, fn: (desk: DeskSession, user: SessionUser, password: string) => Promise<T>): Promise<T> {
  checkActingPassword(ctx);
  return withDesk(ctx.io, ctx.args.need('db'), async (desk) => {
    const { user, password } = await loginAs(desk, ctx);
    return fn(desk, user, password);
  });
}
