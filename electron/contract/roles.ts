/** The roles a person may hold; one person may hold several. */
export const ROLES = ['admin', 'clerk', 'approver', 'archivist', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
