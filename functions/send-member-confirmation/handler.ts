import { eventHandler } from '../../shared/events/handler';
import { sendMemberConfirmation } from '../../shared/members/send-confirmation';
import { table } from '../../shared/runtime/table';
import { mailing } from '../../shared/runtime/mailing';

export const handler = eventHandler('MemberRequested', (detail) => sendMemberConfirmation({ ...table(), ...mailing() }, detail));
