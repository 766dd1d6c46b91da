import {
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  MedicineBoxOutlined,
  PrinterOutlined,
  SendOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MethodName } from '../../../../electron/contract';
import type { MessageKey } from '../../i18n';

export type PageId = 'dashboard' | 'records' | 'subjects' | 'checks' | 'objections' | 'repairs' | 'batches' | 'statistics' | 'prints' | 'audit' | 'settings';

export interface NavItem {
  id: PageId;
  label: MessageKey;
  icon: ReactNode;
  /** Shown only to people who may call this method (any of them, for a list); the core checks again. */
  requires?: MethodName | readonly MethodName[];
}

/**
 * The side menu, in the order people asked for: only pages that work, each for the
 * roles that use it (an area appears here when it is built, e.g. 异议处理, 信用修复).
 */
export const NAV: readonly NavItem[] = [
  { id: 'dashboard', label: 'nav.dashboard', icon: <DashboardOutlined /> },
  { id: 'records', label: 'nav.records', icon: <FileTextOutlined />, requires: 'records.search' },
  { id: 'subjects', label: 'nav.subjects', icon: <TeamOutlined />, requires: 'subjects.search' },
  { id: 'checks', label: 'nav.checks', icon: <FileSearchOutlined />, requires: ['checks.list', 'lists.import'] },
  { id: 'objections', label: 'nav.objections', icon: <FileProtectOutlined />, requires: 'cases.list' },
  { id: 'repairs', label: 'nav.repairs', icon: <MedicineBoxOutlined />, requires: 'cases.list' },
  { id: 'batches', label: 'nav.batches', icon: <SendOutlined />, requires: 'batches.list' },
  { id: 'statistics', label: 'nav.statistics', icon: <BarChartOutlined />, requires: 'statistics.month' },
  { id: 'prints', label: 'nav.prints', icon: <PrinterOutlined />, requires: 'print.log' },
  { id: 'audit', label: 'nav.audit', icon: <AuditOutlined />, requires: 'audit.list' },
  { id: 'settings', label: 'nav.settings', icon: <SettingOutlined /> },
];
