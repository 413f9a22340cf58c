import { DEMO_MEMBERS, DEMO_PASSWORD } from './demo-data';
import { demoLoginsBlock } from './demo-logins';

describe('demoLoginsBlock', () => {
  it('lists every demo login, aligned, with the password, in one block', () => {
    const block = demoLoginsBlock('http://localhost:3000', 'ws-1');
    expect(block).toContain(`password ${DEMO_PASSWORD}`);
    expect(block).toContain('http://localhost:3000/api/docs');
    const logins = block.split('\n').filter((line) => line.includes('@demo.preclear.test'));
    expect(logins).toHaveLength(DEMO_MEMBERS.length);
    expect(new Set(logins.map((line) => line.length - line.trimStart().length))).toEqual(new Set([2]));
    expect(new Set(logins.map((line) => line.search(/\S+@/)))).toHaveProperty('size', 1);
  });
});
