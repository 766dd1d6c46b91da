import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { EXIT } from '../errors';
import { actAs } from '../acting';

export const auditVerifyCommand = defineCommand({
  name: ['audit', 'verify'],
  summary: '校验审计日志的哈希链是否完整（审计员、系统管理员）',
  details: '日志完整时退出码为 0；发现被修改、删除或调换的记录时退出码为 1，并指出第一条有问题的记录的序号和原因。',
  options: { db: DB_OPTION, as: AS_OPTION },

  async run(ctx) {
    return actAs(ctx, async (desk) => {
      const result = await desk.call('audit.verify', {});
      if (result.ok) {
        return { data: { ...result }, text: `审计日志完整：已校验 ${result.checked} 条记录，哈希链无断裂。` };
      }
      const broken = result.firstBroken;
      const where = broken ? `第 ${broken.seq} 条记录：${broken.reason}` : '原因不明';
      return {
        data: { ...result },
        text: `审计日志校验未通过：在第一处问题之前已校验 ${result.checked} 条记录。`,
        exitCode: EXIT.failure,
        problem: { code: 'AUDIT_BROKEN', message: `审计日志已被修改或损坏，${where}。` },
      };
    });
  },
});
