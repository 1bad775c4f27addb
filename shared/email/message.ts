/** An email as the domain composes it, before it becomes MIME. */
export interface EmailMessage {
  to: string[];
  /** Defaults to the configured sender. */
  from?: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe. Values are encoded; line breaks cannot inject headers. */
  headers?: Record<string, string>;
}
