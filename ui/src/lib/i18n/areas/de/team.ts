// German for ../team.ts, typed from its English: a missing or extra key fails
// the type check.

import type { Translation } from '../../area';
import type en from '../team';

const de: Translation<typeof en> = {
  intro: 'Personen, die in {name} handeln können, und was jede von ihnen darf.',
  readOnly: 'Sie sind hier {role}: Sie können das Team sehen; ändern können es nur Inhaber.',
  loading: 'Das Team wird geladen…',
  'invitations.title': 'Einladungen',
  'invitations.none': 'Keine Einladungen.',
  'invitations.caption': 'Gesendete Einladungen, ausstehende zuerst',
  'invitations.email': 'E-Mail',
  'invitations.role': 'Rolle',
  'invitations.status': 'Status',
  'invitations.expires': 'Läuft ab',
  'invitations.actions': 'Aktionen',
  'invitations.sent': '· gesendet am {date} von {name}',
  'invitations.resend': 'Erneut senden',
  'invitations.cancelQuestion': 'Diese Einladung zurückziehen?',
  'invitations.cancelConfirm': 'Einladung zurückziehen',
  'invite.title': 'Jemanden einladen',
  'invite.email': 'E-Mail-Adresse',
  'invite.role': 'Rolle',
  'invite.send': 'Einladung senden',
  'members.title': 'Mitglieder',
  'members.caption': 'Personen, die in {name} handeln können, und ihre Rollen',
  'members.name': 'Name',
  'members.email': 'E-Mail',
  'members.role': 'Rolle',
  'members.since': 'Mitglied seit',
  'members.you': 'Sie',
  'members.roleOf': 'Rolle von {name}',
  'members.changeRole': 'Rolle ändern',
  'members.leave': 'Verlassen',
  'members.leaveQuestion': '{account} verlassen? Sie verlieren den Zugriff darauf.',
  'members.removeQuestion': '{name} entfernen? Die Person verliert den Zugriff auf {account}.',
  'role.owner': 'Alles, einschließlich des Teams.',
  'role.billing_manager': 'Abrechnung; sieht das Profil; kein Team.',
  'role.viewer': 'Sieht alles, ändert nichts.',
  alreadyMember: '{email} ist bereits Mitglied dieses Kontos.',
  alreadyInvited: '{email} hat bereits eine ausstehende Einladung. Senden Sie sie stattdessen erneut.',
  invited: 'Einladung an {email} gesendet.',
  resent: 'Einladung erneut gesendet.',
  cancelled: 'Einladung zurückgezogen.',
  roleChanged: 'Rolle geändert.',
  removed: 'Aus dem Team entfernt.',
};

export default de;
