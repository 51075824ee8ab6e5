import { describe, expect, it } from 'vitest';
import { containsCardNumber, luhnValid, maskCardNumbers, screenCardNumbers } from './card-numbers.js';

describe('card numbers', () => {
  it('recognises Luhn-valid card numbers written plain, grouped by spaces or hyphens', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    for (const text of ['4111111111111111', 'card 4111 1111 1111 1111 thanks', '5555-5555-5555-4444', '378282246310005', '6011111111111117']) {
      expect(containsCardNumber(text), text).toBe(true);
    }
  });

  it('leaves phone numbers, Luhn-invalid runs, short runs and non-card prefixes alone', () => {
    for (const text of ['+4930123456789012', '4111111111111112', '411111111111', 'order 1234567812345670', '9999999999999995', 'IBAN DE89 3704 0044 0532 0130 00']) {
      expect(containsCardNumber(text), text).toBe(false);
    }
  });

  it('masks a card number keeping only the last four digits', () => {
    expect(maskCardNumbers('My card is 4111 1111 1111 1111, please charge it')).toBe('My card is [card number removed, ending 1111], please charge it');
  });

  it('masks the named free-text fields and reports every other field that holds a card number', () => {
    const { value, refused } = screenCardNumbers({ subject: 'pay 4111111111111111', note: { inner: '5555555555554444' }, password: '4111111111111111', list: ['x', '4111111111111111'] }, ['subject']);
    expect(value).toMatchObject({ subject: 'pay [card number removed, ending 1111]', password: '4111111111111111' });
    expect(refused.map((f) => f.path).sort()).toEqual(['list.1', 'note.inner']);
  });

  it('walks the prototype-less objects that form and query parsers build', () => {
    // Like fast-querystring: an object whose prototype itself has no prototype.
    function Empty(): void {}
    Empty.prototype = Object.create(null);
    const form = Object.assign(Object.create(Empty.prototype as object) as Record<string, unknown>, { body: '4111111111111111', reason: '4111 1111 1111 1111' });
    const { value, refused } = screenCardNumbers(form, ['body']);
    expect({ ...(value as object) }).toEqual({ body: '[card number removed, ending 1111]', reason: '4111 1111 1111 1111' });
    expect(refused).toEqual([{ path: 'reason' }]);
  });
});
