import type { CreatePostDto } from '../calendar/dto/post.dto';

type DemoPost = Omit<CreatePostDto, 'brandId' | 'campaignId'>;

/** A demo post with its time as (days after the seeding day, local time). */
type DemoPostAt = Omit<DemoPost, 'scheduledAt'> & { due: [days: number, time: string] };

const DEMO_POSTS: DemoPostAt[] = [
  {
    title: 'Winter savings US',
    body: 'Grow your savings this winter: 4.25% Annual Percentage Yield (APY) on Harbor Savings. APY accurate as of 12/01/2026; rate is variable and may change after the account is opened. Minimum balance to open and obtain the APY: $500. Fees could reduce earnings. Harbor Bank, Member FDIC. Brokerage services by Harbor Securities LLC.',
    locale: 'en-US',
    productCategory: 'deposit',
    communicationType: 'retail',
    audience: 'retail',
    channels: ['facebook', 'linkedin'],
    jurisdictions: ['US'],
    links: ['https://harbor.example/savings'],
    due: [3, '09:30'],
    timezone: 'America/New_York',
  },
  {
    title: 'Ratenkredit DE',
    body: 'Jetzt den Harbor Ratenkredit sichern: 5,99 % effektiver Jahreszins. Repräsentatives Beispiel: Nettodarlehensbetrag 10.000 €, Laufzeit 60 Monate, gebundener Sollzinssatz 5,83 % p.a., effektiver Jahreszins 5,99 %, monatliche Rate 193,15 €, Gesamtbetrag 11.589,00 €. Harbor Bank AG, Hafenstraße 1, 20457 Hamburg. Achtung! Kreditaufnahme kostet Geld. Werbung',
    locale: 'de-DE',
    productCategory: 'consumer_credit',
    communicationType: 'retail',
    audience: 'retail',
    paid: true,
    channels: ['instagram'],
    jurisdictions: ['DE'],
    links: ['https://harbor.example/de/ratenkredit'],
    due: [5, '09:30'],
    timezone: 'Europe/Berlin',
  },
  {
    title: 'Persoonlijke lening NL',
    body: 'Een persoonlijke lening bij Harbor vanaf 6,9 % jaarlijks kostenpercentage. Let op! Geld lenen kost geld.',
    locale: 'nl-NL',
    productCategory: 'consumer_credit',
    communicationType: 'retail',
    audience: 'retail',
    channels: ['facebook'],
    jurisdictions: ['NL'],
    due: [6, '10:00'],
    timezone: 'Europe/Amsterdam',
  },
  {
    title: 'Cash ISA UK',
    body: 'Our Easy Access Cash ISA pays 4.1% AER (variable). Eligible deposits are protected by the FSCS up to £85,000. Harbor Bank plc is authorised by the PRA and regulated by the FCA and PRA.',
    locale: 'en-GB',
    productCategory: 'deposit',
    communicationType: 'retail',
    audience: 'retail',
    channels: ['linkedin'],
    jurisdictions: ['UK'],
    due: [7, '08:00'],
    timezone: 'Europe/London',
  },
  {
    title: 'Kredyt gotówkowy PL',
    body: 'Kredyt gotówkowy w Harbor – rata już od 299 zł miesięcznie!',
    locale: 'pl-PL',
    productCategory: 'consumer_credit',
    communicationType: 'retail',
    audience: 'retail',
    channels: ['facebook'],
    jurisdictions: ['PL'],
    due: [8, '12:00'],
    timezone: 'Europe/Warsaw',
  },
  {
    title: 'Prêt perso FR',
    body: "Financez vos projets avec le prêt personnel Harbor. Attention ! Un crédit coûte de l'argent et doit être remboursé.",
    locale: 'fr-FR',
    productCategory: 'consumer_credit',
    communicationType: 'retail',
    audience: 'retail',
    channels: ['instagram'],
    jurisdictions: ['FR'],
    due: [9, '11:00'],
    timezone: 'Europe/Paris',
  },
  {
    title: 'Cuenta remunerada ES',
    body: 'Abre tu Cuenta Harbor y disfruta de tu dinero disponible en todo momento, sin comisiones de mantenimiento.',
    locale: 'es-ES',
    productCategory: 'deposit',
    communicationType: 'retail',
    audience: 'retail',
    channels: ['instagram'],
    jurisdictions: ['ES'],
    due: [10, '10:30'],
    timezone: 'Europe/Madrid',
  },
  {
    title: 'Brokerage launch US',
    body: 'Harbor Securities LLC now offers commission-free trading of US stocks and ETFs. Investing involves risk, including possible loss of principal. Member FINRA/SIPC.',
    locale: 'en-US',
    productCategory: 'brokerage',
    communicationType: 'retail',
    audience: 'retail',
    channels: ['x', 'linkedin'],
    jurisdictions: ['US'],
    due: [12, '14:00'],
    timezone: 'America/New_York',
  },
];

/** Realistic posts across the demo brand's markets; scheduled relative to the seeding day. */
export function demoPosts(dayOffset: (days: number, time: string) => string): DemoPost[] {
  return DEMO_POSTS.map(({ due, ...post }) => ({ ...post, scheduledAt: dayOffset(...due) }));
}
