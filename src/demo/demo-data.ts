import type { Role } from '../identity/roles';

export const DEMO_WORKSPACE = 'Preclear Demo Bank';
export const DEMO_PASSWORD = 'demo-password-2026';

/** One member per role, so every screen of the workflow can be tried. */
export const DEMO_MEMBERS: {
  email: string;
  name: string;
  roles: Role[];
  qualification?: { crdNumber?: string; title?: string };
}[] = [
  { email: 'admin@demo.preclear.test', name: 'Ada Admin', roles: ['admin'] },
  { email: 'marketer@demo.preclear.test', name: 'Mia Marketer', roles: ['marketer'] },
  {
    email: 'reviewer@demo.preclear.test',
    name: 'Rita Reviewer',
    roles: ['reviewer'],
    qualification: { title: 'Compliance Officer' },
  },
  {
    email: 'legal@demo.preclear.test',
    name: 'Luis Legal',
    roles: ['reviewer'],
    qualification: { title: 'Legal Counsel' },
  },
  {
    email: 'principal@demo.preclear.test',
    name: 'Paul Principal',
    roles: ['principal'],
    qualification: { crdNumber: '4817263', title: 'Registered Principal (Series 24)' },
  },
  { email: 'publisher@demo.preclear.test', name: 'Pia Publisher', roles: ['publisher'] },
  { email: 'auditor@demo.preclear.test', name: 'Axel Auditor', roles: ['auditor'] },
];
