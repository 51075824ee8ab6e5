import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config/load-config.js';

/** One decrypted message, ready to go; it exists only in memory for the time of the send. */
export interface OutgoingEmail {
  readonly outboxId: string;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Stable per outbox row, so a resend after a crash is recognisable as the same message. */
  readonly messageId: string;
  /** Marketing only: the one-click unsubscribe link (RFC 8058) and the List-Unsubscribe value (RFC 2369). */
  readonly unsubscribe?: { readonly url: string; readonly header: string };
}

/** The opt-out line every marketing email ends with (ePrivacy Art 13(2)). */
export function optOutLine(url: string): string {
  return `\n\n--\nYou receive this because you asked for it. Unsubscribe with one click: ${url}\n`;
}

export interface EmailTransport {
  readonly name: 'smtp' | 'file';
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

/** SMTP when configured; otherwise .eml files under the data directory, so a fresh install shows its mail. */
export function createEmailTransport(config: Pick<Config, 'smtp' | 'dataDir'>): EmailTransport {
  return config.smtp ? smtpTransport(config.smtp) : fileTransport(path.join(config.dataDir, 'mail'));
}

function mailOptions(email: OutgoingEmail) {
  const unsubscribe = email.unsubscribe;
  return {
    from: email.from,
    to: email.to,
    subject: email.subject,
    text: unsubscribe ? email.text + optOutLine(unsubscribe.url) : email.text,
    ...(email.html ? { html: email.html } : {}),
    messageId: email.messageId,
    headers: unsubscribe
      ? // Marketing: one-click unsubscribe that mail clients can post without cookies (RFC 8058, RFC 2369).
        { 'List-Unsubscribe': unsubscribe.header, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
      : // Service messages are part of the contract: no List-Unsubscribe; marks them as automatic (RFC 3834).
        { 'Auto-Submitted': 'auto-generated' },
  };
}

function smtpTransport(smtp: NonNullable<Config['smtp']>): EmailTransport {
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    name: 'smtp',
    send: async (email) => {
      const info = await transporter.sendMail(mailOptions(email));
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

function fileTransport(directory: string): EmailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    name: 'file',
    send: async (email) => {
      const info = await transporter.sendMail(mailOptions(email));
      await fs.mkdir(directory, { recursive: true, mode: 0o700 });
      // Written aside and renamed: a reader never sees half a message, and a resend replaces it.
      const target = path.join(directory, `${email.outboxId}.eml`);
      await fs.writeFile(`${target}.tmp`, info.message as Buffer, { mode: 0o600 });
      await fs.rename(`${target}.tmp`, target);
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

/** SMTP 5xx: the server refuses for good (unknown mailbox); retrying cannot help. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
