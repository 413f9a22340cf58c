import type { CreateBrandDto } from '../brands/dto/brand.dto';

/** A bank active in seven markets, with the profile facts each pack reads. */
export const DEMO_BRAND: CreateBrandDto = {
  name: 'Harbor Bank',
  legalName: 'Harbor Bank AG',
  profile: {
    US: {
      finraMember: true,
      memberName: 'Harbor Securities LLC',
      finraMembershipDate: '2015-03-02',
      fdicInsured: true,
      secRegisteredAdviser: false,
      equalHousingLender: true,
    },
    UK: { fcaFrn: '765432', authorised: true },
    DE: { impressumUrl: 'https://harbor.example/de/impressum', impressumLinkLabel: 'Impressum', impressumClicks: 1 },
    PL: { creditBroker: false },
    FR: { psanRegistered: false, caspAuthorised: false },
  },
};
