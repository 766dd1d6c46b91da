import { AuditOutlined, DashboardOutlined, FileTextOutlined, SendOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MethodName } from '../../../../electron/contract';
import type { MessageKey } from '../../i18n';

export type PageId = 'dashboard' | 'records' | 'subjects' | 'batches' | 'audit' | 'settings';

export interface NavItem {
  id: PageId;
  label: MessageKey;
  icon: ReactNode;
  /** Shown only to people who may call this method (the core checks again). */
  requires?: MethodName;
}

/**
 * The side menu, in the order people asked for: only pages that work, each for the
 * roles that use it (an area appears here when it is built, e.g. 异议处理, 信用修复).
 */
export const NAV: readonly NavItem[] = [
  { id: 'dashboard', label: 'nav.dashboard', icon: <DashboardOutlined /> },
  { id: 'records', label: 'nav.records', icon: <FileTextOutlined />, requires: 'records.search' },
  { id: 'subjects', label: 'nav.subjects', icon: <TeamOutlined />, requires: 'subjects.search' },
  { id: 'batches', label: 'nav.batches', icon: <SendOutlined />, requires: 'batches.list' },
  { id: 'audit', label: 'nav.audit', icon: <AuditOutlined />, requires: 'audit.list' },
  { id: 'settings', label: 'nav.settings', icon: <SettingOutlined /> },
];
