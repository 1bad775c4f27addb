import { table } from '../../shared/data/table';
import { mailing } from '../../shared/email/ses';
import { eventHandler } from '../../shared/events/handler';
import { sendMemberConfirmation } from '../../shared/members/send-confirmation';

export const handler = eventHandler('MemberRequested', (detail) => sendMemberConfirmation({ ...table(), ...mailing() }, detail));
