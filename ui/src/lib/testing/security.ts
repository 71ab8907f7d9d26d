// Sample security and team values for unit tests.

import type { DeviceSession } from '../generated/DeviceSession';
import type { SecurityOverview } from '../generated/SecurityOverview';
import type { Team } from '../generated/Team';

export const overview: SecurityOverview = {
  email: 'ada@example.com',
  two_factor: { enabled: false, recovery_codes_left: 0 },
  signed_in_at: '2025-11-29T11:00:00Z',
  step_up_until: '2025-11-29T11:10:00Z',
};

export const thisDevice: DeviceSession = {
  id: 's-1',
  client: 'steward-console',
  user_agent: 'Steward/0.1 (Linux)',
  ip_address: '127.0.0.1',
  started_at: '2025-11-29T11:00:00Z',
  last_used_at: '2025-11-29T11:59:00Z',
  current: true,
};

export const otherDevice: DeviceSession = { ...thisDevice, id: 's-2', current: false, ip_address: '198.51.100.7' };

export const OWNER_ID = '0b7c3c6e-2f44-4a53-9e0c-6c1d7f4e2a10';

export const team: Team = {
  members: [
    { user_id: OWNER_ID, display_name: 'Ada Customer', email: 'ada@example.com', role: 'owner', since: '2024-01-01T00:00:00Z' },
    { user_id: 'u-2', display_name: 'Charles', email: 'charles@example.com', role: 'viewer', since: '2024-02-01T00:00:00Z' },
  ],
  invitations: [
    {
      id: 'i-1',
      email: 'grace@example.com',
      role: 'billing_manager',
      invited_by: 'Ada Customer',
      created_at: '2025-11-28T00:00:00Z',
      expires_at: '2025-12-05T00:00:00Z',
      last_sent_at: '2025-11-28T00:00:00Z',
      status: 'pending',
    },
    {
      id: 'i-0',
      email: 'old@example.com',
      role: 'viewer',
      invited_by: 'Ada Customer',
      created_at: '2025-10-01T00:00:00Z',
      expires_at: '2025-10-08T00:00:00Z',
      last_sent_at: '2025-10-01T00:00:00Z',
      status: 'expired',
    },
  ],
};
