import { RulesEngine } from '@preclear/rules-engine';
const e = RulesEngine.fromDirectory('jurisdictions');
console.log(JSON.stringify(e.packs(), null, 1));
