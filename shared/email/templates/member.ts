/**
 * Member emails: the double opt-in link of a new profile, and the manage link for someone who
 * asks again while their profile is active. Short, plain sentences, as in the subscription
 * email; doing nothing is always a safe "no".
 */
import { button, paragraph } from '../blocks';
import type { EmailMessage } from '../message';
import { emailParts } from './parts';

/**
 * The confirmation email of a member profile request.
 *
 * @example
 * await mailer.send(memberConfirmationEmail(member, { confirmUrl }));
 */
export function memberConfirmationEmail(member: { email: string; name: string }, options: { confirmUrl: string }): EmailMessage {
  return {
    to: [member.email],
    subject: 'Please confirm your Cities Seeking Cities member profile',
    ...emailParts({ title: 'Please confirm your member profile' }, [
      paragraph('Hello,'),
      paragraph(`Someone asked to create a Cities Seeking Cities member profile for ${member.name} at this email address. We hope it was you.`),
      button('Yes, create my profile', options.confirmUrl, 'To confirm your profile, open this link:'),
      paragraph('With a profile, we suggest communities outside the United States that fit your interests, and tell you why each one fits.'),
      paragraph('If you did not ask for this, you do not need to do anything. If you do not confirm, no profile is created and we will not write to you again.'),
    ]),
  };
}

/**
 * The email to an active member who asked for a profile again: the link to their profile.
 * Their profile was not changed by the request (anyone can send the form).
 *
 * @example
 * await mailer.send(memberManageLinkEmail(member, { manageUrl }));
 */
export function memberManageLinkEmail(member: { email: string; name: string }, options: { manageUrl: string }): EmailMessage {
  return {
    to: [member.email],
    subject: 'Your Cities Seeking Cities member profile',
    ...emailParts({ title: 'Your member profile' }, [
      paragraph('Hello,'),
      paragraph(`Someone asked for a member profile for this email address. You already have one, for ${member.name}, so nothing was changed.`),
      button('See my profile', options.manageUrl, 'To see or change your profile and your suggestions, open this link:'),
      paragraph('If you did not ask for this, you do not need to do anything.'),
    ]),
  };
}
