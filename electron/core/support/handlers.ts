/** Contract handlers of the desktop product: 关于, the licences shipped, diagnostics, the printed manual. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../../package.json';
import type { LicensesInfo } from '../../contract/desktop';
import { CoreError } from '../errors';
import type { Handlers } from '../handlers';
import { buildManualDocument } from '../manual/print';
import { defaultManualFolder, readManual } from '../manual/source';
import { printDocument } from '../print/service';
import { databaseSchemaVersion } from '../store/migrate';
import { diagnosticsReport, runtimeVersions } from './diagnostics';

export const PRODUCT = { name: '信用工作台 Credit Desk', version };

type SupportHandlers = Pick<Handlers, 'app.about' | 'app.licenses' | 'app.openDataFolder' | 'diagnostics.report' | 'print.manual'>;

/** out/licenses (made by `npm run build`), found by walking up from this module, unless given. */
export function defaultLicensesFolder(): string | null {
  const fromEnv = process.env.CREDIT_DESK_RESOURCES;
  if (fromEnv) return join(fromEnv, 'licenses');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    for (const candidate of [join(dir, 'licenses'), join(dir, 'out', 'licenses')]) {
      if (existsSync(join(candidate, 'licenses.json'))) return candidate;
    }
    dir = resolve(dir, '..');
  }
  return null;
}

export const supportHandlers: SupportHandlers = {
  'app.about': ({ desk }) => ({
    product: PRODUCT.name,
    version: PRODUCT.version,
    appSchemaVersion: desk.appSchemaVersion(),
    schemaVersion: desk.loggedIn ? databaseSchemaVersion(desk.db) : null,
    dataFolder: dirname(desk.dbPath),
    platform: process.platform,
    arch: process.arch,
    runtime: runtimeVersions(),
  }),

  'app.licenses': ({ desk }) => {
    const folder = desk.options.licensesFolder ?? defaultLicensesFolder();
    const file = folder && join(folder, 'licenses.json');
    if (!file || !existsSync(file)) throw new CoreError('NOT_FOUND', '找不到开源许可文件（licenses.json）：安装包不完整，请重新安装本程序。开发环境请先运行 npm run build。');
    const data = JSON.parse(readFileSync(file, 'utf8')) as LicensesInfo;
    return { count: data.entries.length, entries: data.entries.map(({ name, version: v, license, text, repository }) => ({ name, version: v, license, text, repository })) };
  },

  // Outside Electron (the command line, the test bridge) nothing can open a folder window: name it.
  'app.openDataFolder': ({ desk }) => ({ opened: false, folder: dirname(desk.dbPath) }),

  'diagnostics.report': ({ desk }) => diagnosticsReport(desk, PRODUCT),

  'print.manual': ({ desk }) => {
    const folder = desk.options.manualFolder ?? defaultManualFolder();
    return printDocument(desk, buildManualDocument(readManual(folder), folder, PRODUCT.version), 'print.manual');
  },
};
