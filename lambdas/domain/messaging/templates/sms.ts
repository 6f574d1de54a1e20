/**
 * How many parts an SMS takes. A text wholly in the GSM 03.38 alphabet is sent 7-bit: 160
 * characters in one part, 153 per part when split (the rest carries the concatenation header);
 * characters of the extension table (`€ [ ] { } \ ~ ^ |` and form feed) count twice. Any other
 * character (Cyrillic, `₽`, typographic quotes) makes the whole text UCS-2: 70 UTF-16 code units
 * in one part, 67 per part when split.
 */

const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const gsmExtension = new Set('\f^{}\\[~]|€');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
  readonly encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  readonly units: number;
  readonly parts: number;
}

export const smsLength = (text: string): SmsLength => {
  let septets = 0;
  for (const char of text) {
    if (gsmBasic.has(char)) septets += 1;
    else if (gsmExtension.has(char)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'UCS-2', units, parts: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', units: septets, parts: septets <= 160 ? 1 : Math.ceil(septets / 153) };
};

/** The most parts a service SMS may take (cost and readability). */
export const maxSmsParts = 2;
