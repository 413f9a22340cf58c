import { isValidIban } from './iban';
import { passesLuhn } from './luhn';

describe('checksums', () => {
  describe(passesLuhn.name, () => {
    it.each(['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117'])(
      'accepts test card %s',
      (pan) => {
        expect(passesLuhn(pan)).toBe(true);
      },
    );

    it('rejects a number with one digit changed', () => {
      // 4111 1111 1111 1111 sums to 30; raising the last digit by one gives 31, not a multiple of 10.
      expect(passesLuhn('4111111111111112')).toBe(false);
    });

    it('rejects non-digits', () => {
      expect(passesLuhn('41111111111x1111')).toBe(false);
    });
  });

  describe(isValidIban.name, () => {
    it.each([
      'DE89 3704 0044 0532 0130 00',
      'GB82 WEST 1234 5698 7654 32',
      'NL91ABNA0417164300',
      'FR1420041010050500013M02606',
      'PL61109010140000071219812874',
      'ES9121000418450200051332',
    ])('accepts %s', (iban) => {
      expect(isValidIban(iban)).toBe(true);
    });

    it('rejects a transposed check digit', () => {
      expect(isValidIban('DE98 3704 0044 0532 0130 00')).toBe(false);
    });

    it('rejects a German IBAN of the wrong length', () => {
      expect(isValidIban('DE89 3704 0044 0532 0130 0')).toBe(false);
    });
  });
});
