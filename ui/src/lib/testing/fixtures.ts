// Sample IPC values for unit tests, typed by the generated bindings so they
// break when the contract changes.

import type { CommandError } from '../generated/CommandError';
import type { Connection } from '../generated/Connection';
import type { Me } from '../generated/Me';
import type { SessionView } from '../generated/SessionView';

export const customerMe: Me = {
  user_id: '0b7c3c6e-2f44-4a53-9e0c-6c1d7f4e2a10',
  email: 'ada@example.com',
  display_name: 'Ada Customer',
  roles: ['customer'],
  accounts: [
    {
      account_id: '5f1d2f7e-1c0a-4f7b-8d8e-1a2b3c4d5e6f',
      name: 'Ada Lovelace',
      kind: 'personal',
      role: 'owner',
      capabilities: [
        'profile_read',
        'profile_write',
        'team_read',
        'team_write',
        'billing_read',
        'billing_write',
        'account_data',
      ],
    },
    {
      account_id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
      name: 'Analytical Engines Ltd',
      kind: 'company',
      role: 'billing_manager',
      capabilities: ['profile_read', 'billing_read', 'billing_write'],
    },
  ],
  language: 'en',
};

export const agentMe: Me = {
  user_id: '7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a090',
  email: 'grace@steward.example',
  display_name: 'Grace Agent',
  roles: ['agent'],
  accounts: [],
  language: 'en',
};

export const demoConnection: Connection = {
  id: 'conn-demo',
  server_url: 'http://127.0.0.1:41873',
  demo: true,
  user_email: customerMe.email,
  display_name: customerMe.display_name,
  last_used: '2025-11-29T09:00:00Z',
};

export const remoteConnection: Connection = {
  id: 'conn-remote',
  server_url: 'https://accounts.example.com',
  demo: false,
  user_email: 'ada@example.com',
  display_name: 'Ada Customer',
  last_used: '2025-11-20T12:30:00Z',
};

export const customerSession: SessionView = { connection: demoConnection, me: customerMe };
export const agentSession: SessionView = {
  connection: { ...demoConnection, user_email: agentMe.email, display_name: agentMe.display_name },
  me: agentMe,
};

export const sessionExpired: CommandError = {
  code: 'session_expired',
  message: 'Your session has ended.',
  advice: 'Sign in again.',
};

export const keyringLocked: CommandError = {
  code: 'keyring_locked',
  message: 'Your keyring is locked.',
  advice: 'Unlock it, then try again.',
};
