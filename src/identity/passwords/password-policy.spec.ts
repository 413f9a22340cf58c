import { passwordContext, passwordWeakness } from './password-policy';

describe('password policy', () => {
  const context = passwordContext('rita.reviewer@bank.example', 'Rita Reviewer', 'Acme Bank Marketing');

  it.each(['12345678', '        ', '            ', 'short-pw', '\u{1F600}'.repeat(11)])(
    'refuses %j as too short',
    (password) => {
      expect(passwordWeakness(password, context)).toBe('tooShort');
    },
  );

  it.each(['password1234', '123456789012', 'qwertyuiopas', 'Passwort12345', 'haslo1234567', 'iloveyou1234'])(
    'refuses the common password %j',
    (password) => {
      expect(passwordWeakness(password, context)).toBe('common');
    },
  );

  it.each(['rita.reviewer2026', 'AcmeBankMarketing1', 'ritareviewer!!'])(
    'refuses %j, built on the person and their workspace',
    (password) => {
      expect(passwordWeakness(password, context)).toBe('contextDerived');
    },
  );

  it.each(['correct horse battery staple', 'Kw9!vTq2#pLm', 'tr0ub4dor&3-xylo-quince'])('accepts %j', (password) => {
    expect(passwordWeakness(password, context)).toBeNull();
  });

  it('derives the context from the e-mail, its parts and the names', () => {
    expect(passwordContext('Jo.Smith+x@bank.example', 'Jo Smith', null)).toEqual(
      expect.arrayContaining(['jo.smith+x@bank.example', 'bank', 'example', 'smith', 'jo smith', 'preclear']),
    );
  });
});
