import { table } from '../../shared/data/table';
import { mailing } from '../../shared/email/ses';
import { eventHandler } from '../../shared/events/handler';
import { notifyInquirySubmitted } from '../../shared/inquiries/notify';

export const handler = eventHandler('InquirySubmitted', (detail) =>
  notifyInquirySubmitted({ ...table(), ...mailing() }, detail.inquiryId),
);
