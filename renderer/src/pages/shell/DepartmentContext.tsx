import { createContext, useContext, type ReactNode } from 'react';
import type { DepartmentProfile } from '../../../../electron/contract';
import { useCall } from '../../api/hooks';

interface DepartmentValue {
  department: DepartmentProfile | undefined;
  reload(): void;
}

const DepartmentContext = createContext<DepartmentValue>({ department: undefined, reload: () => {} });

/** The department profile for the header and pages; reloaded after an edit. */
export function DepartmentProvider({ children }: { children: ReactNode }) {
  const { data, reload } = useCall('department.get');
  return <DepartmentContext.Provider value={{ department: data, reload }}>{children}</DepartmentContext.Provider>;
}

export function useDepartment(): DepartmentValue {
  return useContext(DepartmentContext);
}
