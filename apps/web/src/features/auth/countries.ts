export interface Country {
  /** ISO 3166-1 alpha-2; the select's value, since several countries share a dial code. */
  code: string;
  name: string;
  dialCode: string;
}

export const defaultCountryCode = 'US';

/** A short list of common countries; anyone else types the number with its leading +. */
export const countries: readonly Country[] = [
  { code: 'AR', name: 'Argentina', dialCode: '54' },
  { code: 'AU', name: 'Australia', dialCode: '61' },
  { code: 'AT', name: 'Austria', dialCode: '43' },
  { code: 'BD', name: 'Bangladesh', dialCode: '880' },
  { code: 'BE', name: 'Belgium', dialCode: '32' },
  { code: 'BR', name: 'Brazil', dialCode: '55' },
  { code: 'CA', name: 'Canada', dialCode: '1' },
  { code: 'CL', name: 'Chile', dialCode: '56' },
  { code: 'CN', name: 'China', dialCode: '86' },
  { code: 'CO', name: 'Colombia', dialCode: '57' },
  { code: 'DK', name: 'Denmark', dialCode: '45' },
  { code: 'EG', name: 'Egypt', dialCode: '20' },
  { code: 'FR', name: 'France', dialCode: '33' },
  { code: 'DE', name: 'Germany', dialCode: '49' },
  { code: 'IN', name: 'India', dialCode: '91' },
  { code: 'ID', name: 'Indonesia', dialCode: '62' },
  { code: 'IE', name: 'Ireland', dialCode: '353' },
  { code: 'IL', name: 'Israel', dialCode: '972' },
  { code: 'IT', name: 'Italy', dialCode: '39' },
  { code: 'JP', name: 'Japan', dialCode: '81' },
  { code: 'KE', name: 'Kenya', dialCode: '254' },
  { code: 'MY', name: 'Malaysia', dialCode: '60' },
  { code: 'MX', name: 'Mexico', dialCode: '52' },
  { code: 'NL', name: 'Netherlands', dialCode: '31' },
  { code: 'NZ', name: 'New Zealand', dialCode: '64' },
  { code: 'NG', name: 'Nigeria', dialCode: '234' },
  { code: 'NO', name: 'Norway', dialCode: '47' },
  { code: 'PK', name: 'Pakistan', dialCode: '92' },
  { code: 'PH', name: 'Philippines', dialCode: '63' },
  { code: 'PL', name: 'Poland', dialCode: '48' },
  { code: 'PT', name: 'Portugal', dialCode: '351' },
  { code: 'SA', name: 'Saudi Arabia', dialCode: '966' },
  { code: 'SG', name: 'Singapore', dialCode: '65' },
  { code: 'ZA', name: 'South Africa', dialCode: '27' },
  { code: 'KR', name: 'South Korea', dialCode: '82' },
  { code: 'ES', name: 'Spain', dialCode: '34' },
  { code: 'SE', name: 'Sweden', dialCode: '46' },
  { code: 'CH', name: 'Switzerland', dialCode: '41' },
  { code: 'TR', name: 'Türkiye', dialCode: '90' },
  { code: 'UA', name: 'Ukraine', dialCode: '380' },
  { code: 'AE', name: 'United Arab Emirates', dialCode: '971' },
  { code: 'GB', name: 'United Kingdom', dialCode: '44' },
  { code: 'US', name: 'United States', dialCode: '1' },
  { code: 'VN', name: 'Vietnam', dialCode: '84' },
];

export function countryByCode(code: string): Country {
  const country =
    countries.find((c) => c.code === code) ?? countries.find((c) => c.code === defaultCountryCode);
  if (country === undefined) throw new Error(`unknown country ${code}`);
  return country;
}

/**
 * The country of an E.164 number by its dial code (the longest match wins; shared codes such as
 * +1 give the default country), so a lookup form starts with the person's own country.
 */
export function countryOfPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const matches = countries.filter((country) => digits.startsWith(country.dialCode));
  const longest = Math.max(0, ...matches.map((country) => country.dialCode.length));
  const best = matches.filter((country) => country.dialCode.length === longest);
  if (best.length === 0) return defaultCountryCode;
  return (
    best.find((country) => country.code === defaultCountryCode)?.code ?? best[0]?.code ?? defaultCountryCode
  );
}
