import { eventHandler } from '../../shared/events/handler';
import { notifyInquirySubmitted } from '../../shared/inquiries/notify';
import { table } from '../../shared/runtime/table';
import { mailing } from '../../shared/runtime/mailing';

export const handler = eventHandler('InquirySubmitted', (detail) =>
  notifyInquirySubmitted({ ...table(), ...mailing() }, detail.inquiryId),
);
