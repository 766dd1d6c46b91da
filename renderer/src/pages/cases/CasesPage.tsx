import type { CaseKind } from '../../../../electron/contract';
import { CaseList } from './CaseList';
import { CaseRegister } from './CaseRegister';
import { CaseView } from './CaseView';

/**
 * 异议处理 and 信用修复, by the hash:
 *   #/objections | #/repairs                       the list
 *   #/objections/new[/<recordId>]                   register (a record chosen already)
 *   #/objections/<caseId>                           one case
 */
export function CasesPage({ kind, rest }: { kind: CaseKind; rest: string[] }) {
  const [first, second] = rest;
  if (first === 'new') return <CaseRegister key={`${kind}:${second ?? ''}`} kind={kind} recordId={second && /^\d+$/.test(second) ? Number(second) : null} />;
  if (first && /^\d+$/.test(first)) return <CaseView key={first} caseId={Number(first)} />;
  return <CaseList key={kind} kind={kind} />;
}
