import { AS_OPTION, DB_OPTION } from '../args';
import { defineCommand } from '../command';
import { fields } from '../text';
import { actAs } from '../acting';

export const infoCommand = defineCommand({
  name: ['info'],
  summary: '显示单位信息、用户与审计记录数量、数据库结构版本',
  options: { db: DB_OPTION, as: AS_OPTION },

  async run(ctx) {
    return actAs(ctx, async (desk) => {
      const info = await desk.call('info.get', {});
      const d = info.department;
      const text = fields([
        ['数据库文件', desk.dbPath],
        ['单位名称', d.name],
        ['统一社会信用代码', d.uscc],
        ['行政区划代码', d.regionCode],
        ['联系人', d.contactPerson || '—'],
        ['联系电话', d.contactPhone || '—'],
        ['机关代字', d.shortName || '—'],
        ['行政复议机关', d.reconsiderationBody || '—'],
        ['人民法院', d.court || '—'],
        ['用户', `共 ${info.counts.users} 名，在用 ${info.counts.activeUsers} 名`],
        ['审计记录', `${info.counts.auditEntries} 条`],
        ['数据库结构版本', `${info.schemaVersion}（本程序支持 ${info.appSchemaVersion}）`],
      ]);
      return { data: { ...info }, text };
    });
  },
});
