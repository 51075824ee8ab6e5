import { describe, expect, it } from 'vitest';
import { findSensitiveIdentifiers, ibanValid, readableFilename, sensitiveWarnings } from './sensitive-identifiers.js';

describe('sensitive identifiers in subjects and file names', () => {
  it('recognises an IBAN only when its mod-97 check passes, grouped or not', () => {
    expect(ibanValid('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('DE89 3704 0044 0532 0130 01')).toBe(false);
    expect(findSensitiveIdentifiers('Refund to DE89 3704 0044 0532 0130 00 please')).toEqual(['iban']);
    expect(findSensitiveIdentifiers('Refund to de89370400440532013000')).toEqual(['iban']);
    expect(findSensitiveIdentifiers('Order DE89 3704 0044 0532 0130 01')).toEqual([]);
  });

  it('finds passwords, ID, passport and social security numbers and dates of birth, in English and German', () => {
    expect(findSensitiveIdentifiers('FTP password: hunter22')).toEqual(['password']);
    expect(findSensitiveIdentifiers('Passwort=geheim123')).toEqual(['password']);
    expect(findSensitiveIdentifiers('Passport no. C01X00T47 attached')).toEqual(['passport']);
    expect(findSensitiveIdentifiers('Personalausweis L01X00T47')).toEqual(['national_id']);
    expect(findSensitiveIdentifiers('SSN 123-45-6789')).toEqual(['social_security']);
    expect(findSensitiveIdentifiers('NI number AB 12 34 56 C')).toEqual(['social_security']);
    expect(findSensitiveIdentifiers('Rentenversicherungsnummer 12 150780 M 003')).toEqual(['social_security']);
    expect(findSensitiveIdentifiers('Date of birth: 03.07.1985')).toEqual(['date_of_birth']);
    expect(findSensitiveIdentifiers('geboren am 3. Juli 1985')).toEqual(['date_of_birth']);
  });

  it('leaves ordinary support subjects alone', () => {
    for (const subject of [
      'Password reset does not work',
      'My password is rejected',
      'Passport scan for domain verification',
      'Outage on 12/03/2024 at 14:00',
      'Invoice 2024-0042 paid twice',
      'Phone +49 30 1234567 unreachable',
      'DNS for example.com: pass through to CDN',
      'Card 4111 1111 1111 1111',
    ]) expect(findSensitiveIdentifiers(subject), subject).toEqual([]);
  });

  it('reads file names with separators as words and reports warnings per field', () => {
    expect(readableFilename('passport_C01X00T47.pdf')).toBe('passport C01X00T47');
    expect(sensitiveWarnings({ subject: 'Hosting question', filename: 'passport_C01X00T47.pdf' })).toEqual([{ field: 'attachment', kinds: ['passport'] }]);
    expect(sensitiveWarnings({ subject: 'IBAN DE89370400440532013000 / dob 1985-07-03', filename: 'screenshot.png' })).toEqual([{ field: 'subject', kinds: ['iban', 'date_of_birth'] }]);
    expect(sensitiveWarnings({ subject: 'Mail bounces' })).toEqual([]);
  });
});
