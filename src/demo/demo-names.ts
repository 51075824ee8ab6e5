/**
 * Name and place pools for demo and scale data, by country. The combinations are fictional;
 * email addresses use the reserved example domains (RFC 2606), so no real mailbox gets mail.
 */
export interface CountryPool {
  readonly country: string;
  readonly locale: 'en' | 'de';
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
  readonly cities: ReadonlyArray<{ readonly city: string; readonly postalCode: string }>;
  readonly streets: readonly string[];
  readonly phonePrefix: string;
  readonly vatPrefix: string;
}

export const countryPools: readonly CountryPool[] = [
  { country: 'DE', locale: 'de', firstNames: ['Lena', 'Jonas', 'Mia', 'Lukas', 'Hannah', 'Felix', 'Emma', 'Paul', 'Sophie', 'Leon'], lastNames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Koch'], cities: [{ city: 'Berlin', postalCode: '10115' }, { city: 'Hamburg', postalCode: '20095' }, { city: 'München', postalCode: '80331' }, { city: 'Köln', postalCode: '50667' }, { city: 'Leipzig', postalCode: '04109' }], streets: ['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Lindenallee', 'Schulstraße'], phonePrefix: '+4930', vatPrefix: 'DE' },
  { country: 'AT', locale: 'de', firstNames: ['Anna', 'Maximilian', 'Laura', 'David', 'Julia', 'Tobias'], lastNames: ['Gruber', 'Huber', 'Bauer', 'Wagner', 'Pichler', 'Steiner'], cities: [{ city: 'Wien', postalCode: '1010' }, { city: 'Graz', postalCode: '8010' }, { city: 'Linz', postalCode: '4020' }], streets: ['Ringstraße', 'Mariahilfer Straße', 'Hauptplatz'], phonePrefix: '+431', vatPrefix: 'ATU' },
  { country: 'FR', locale: 'en', firstNames: ['Camille', 'Louis', 'Chloé', 'Hugo', 'Manon', 'Jules'], lastNames: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard'], cities: [{ city: 'Paris', postalCode: '75001' }, { city: 'Lyon', postalCode: '69001' }, { city: 'Toulouse', postalCode: '31000' }], streets: ['Rue de la Paix', 'Avenue Victor Hugo', 'Rue du Moulin'], phonePrefix: '+331', vatPrefix: 'FR' },
  { country: 'NL', locale: 'en', firstNames: ['Sanne', 'Daan', 'Fleur', 'Bram', 'Lotte', 'Sem'], lastNames: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser'], cities: [{ city: 'Amsterdam', postalCode: '1012 AB' }, { city: 'Utrecht', postalCode: '3511 AA' }, { city: 'Rotterdam', postalCode: '3011 AA' }], streets: ['Kerkstraat', 'Dorpsstraat', 'Molenweg'], phonePrefix: '+3120', vatPrefix: 'NL' },
  { country: 'ES', locale: 'en', firstNames: ['Lucía', 'Hugo', 'Martina', 'Mateo', 'Paula', 'Daniel'], lastNames: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez'], cities: [{ city: 'Madrid', postalCode: '28001' }, { city: 'Barcelona', postalCode: '08001' }, { city: 'Valencia', postalCode: '46001' }], streets: ['Calle Mayor', 'Gran Vía', 'Calle del Sol'], phonePrefix: '+3491', vatPrefix: 'ES' },
  { country: 'PL', locale: 'en', firstNames: ['Zuzanna', 'Jakub', 'Julia', 'Antoni', 'Maja', 'Szymon'], lastNames: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski'], cities: [{ city: 'Warszawa', postalCode: '00-001' }, { city: 'Kraków', postalCode: '30-001' }, { city: 'Gdańsk', postalCode: '80-001' }], streets: ['ulica Długa', 'ulica Polna', 'ulica Lipowa'], phonePrefix: '+4822', vatPrefix: 'PL' },
  { country: 'SE', locale: 'en', firstNames: ['Elsa', 'Oscar', 'Alice', 'William', 'Maja', 'Hugo'], lastNames: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson'], cities: [{ city: 'Stockholm', postalCode: '111 20' }, { city: 'Göteborg', postalCode: '411 01' }, { city: 'Malmö', postalCode: '211 19' }], streets: ['Storgatan', 'Kungsgatan', 'Drottninggatan'], phonePrefix: '+468', vatPrefix: 'SE' },
  { country: 'IE', locale: 'en', firstNames: ['Aoife', 'Conor', 'Saoirse', 'Cian', 'Niamh', 'Oisín'], lastNames: ['Murphy', 'Kelly', "O'Sullivan", 'Walsh', 'Byrne', 'Ryan'], cities: [{ city: 'Dublin', postalCode: 'D02 X285' }, { city: 'Cork', postalCode: 'T12 W8F2' }, { city: 'Galway', postalCode: 'H91 E2K3' }], streets: ['Main Street', 'Church Road', 'Harbour View'], phonePrefix: '+3531', vatPrefix: 'IE' },
];

export const exampleDomains = ['example.com', 'example.net', 'example.org'] as const;

export const companyWords = ['Studio', 'Werkstatt', 'Digital', 'Atelier', 'Consulting', 'Media', 'Labs', 'Handel', 'Design', 'Software'] as const;
