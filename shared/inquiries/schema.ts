/**
 * Inquiries: a U.S. community asking about a seeking city.
 */
import * as z from '../zod';
import { emailSchema } from '../cities/schema';
import { multiLine, nameText, singleLine } from '../text';

/** U.S. states, the District of Columbia and the territories, by USPS code. */
export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME',
  'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA',
  'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'DC', 'PR', 'GU', 'VI', 'AS', 'MP',
] as const;

/** The body of `POST /api/cities/{id}/inquiries`. */
export const inquirySchema = /* @__PURE__ */ (() =>
  z.object(
    {
      name: nameText(1, 120),
      email: emailSchema,
      organization: singleLine(1, 200),
      state: z.pipe(
        z.transform((value: unknown) =>
          value === '' || value === null ? undefined : typeof value === 'string' ? value.trim().toUpperCase() : value,
        ),
        z.optional(z.enum(US_STATES, { error: 'must be a U.S. state code, such as MA' })),
      ),
      message: multiLine(1, 5000),
    },
    { error: () => 'The body must be a JSON object.' },
  ))();

export type InquiryInput = z.infer<typeof inquirySchema>;

/** An inquiry as stored. */
export const storedInquirySchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    cityId: z.string(),
    cityName: z.string(),
    name: z.string(),
    email: z.string(),
    organization: z.string(),
    state: z.optional(z.enum(US_STATES)),
    message: z.string(),
    submittedAt: z.string(),
  }))();

export type Inquiry = z.infer<typeof storedInquirySchema>;
