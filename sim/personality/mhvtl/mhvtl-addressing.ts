/**
 * Where mhVTL's vtllibrary puts each element type's addresses: chosen by the library's INQUIRY vendor and product
 * in device.conf; element N of a type is at the type's start address + N - 1. One row per personality, in the
 * order vtllibrary matches them (first match wins).
 * Spec: docs/smc-reference.md 2a "Personalities" (start addresses MT/ST/IE/DT per trigger) and "Config" (addresses).
 */

/** Start addresses of one personality. */
export interface MhvtlAddressing {
  readonly name: string;
  readonly transport: number;
  readonly storage: number;
  readonly importExport: number;
  readonly dataTransfer: number;
}

interface Row extends MhvtlAddressing {
  readonly matches: (vendor: string, product: string) => boolean;
}

const ROWS: readonly Row[] = [
  {
    name: 'IBM TS3100',
    matches: (v, p) => v === 'IBM' && p.startsWith('3573-TL'),
    transport: 1,
    storage: 4096,
    importExport: 16,
    dataTransfer: 256,
  },
  {
    name: 'IBM 3584/TS3500',
    matches: (v, p) => v === 'IBM' && p.startsWith('03584'),
    transport: 1,
    storage: 0x400,
    importExport: 0x300,
    dataTransfer: 0x101,
  },
  { name: 'STK', matches: (v) => v === 'STK', transport: 1, storage: 1000, importExport: 10, dataTransfer: 500 },
  {
    name: 'HP MSL',
    matches: (v, p) => v === 'HP' && p.startsWith('MSL'),
    transport: 1,
    storage: 0x20,
    importExport: 0x1c0,
    dataTransfer: 0x1e0,
  },
  { name: 'HP EML', matches: (v) => v === 'HP', transport: 1, storage: 1000, importExport: 10, dataTransfer: 500 },
  {
    name: 'Scalar',
    matches: (v) => v === 'ADIC' || v === 'QUANTUM' || v === 'SCALAR',
    transport: 1,
    storage: 0x1000,
    importExport: 0x10,
    dataTransfer: 0x100,
  },
  {
    name: 'Spectra Gator',
    matches: (v, p) => v === 'SPECTRA' && p.includes('GATOR'),
    transport: 0x2c3,
    storage: 0x1e,
    importExport: 1,
    dataTransfer: 0x2a3,
  },
  {
    name: 'Spectra Treefrog/215',
    matches: (v, p) => v === 'SPECTRA' && /TREEFROG|215/.test(p),
    transport: 86,
    storage: 1,
    importExport: 99,
    dataTransfer: 31,
  },
  {
    name: 'Spectra Python/T-series',
    matches: (v) => v === 'SPECTRA',
    transport: 1,
    storage: 0x1000,
    importExport: 0x10,
    dataTransfer: 0x100,
  },
  { name: 'Overland', matches: (v) => v === 'OVERLAND', transport: 1, storage: 2, importExport: 0, dataTransfer: 0xff },
];

const DEFAULT: MhvtlAddressing = {
  name: 'default',
  transport: 0x2f0,
  storage: 0x400,
  importExport: 0x300,
  dataTransfer: 0x001,
};

/** The addressing vtllibrary uses for this vendor and product (the default personality when none matches). */
export function mhvtlAddressing(vendor: string, product: string): MhvtlAddressing {
  const v = vendor.trim().toUpperCase();
  const p = product.trim().toUpperCase();
  return ROWS.find((r) => r.matches(v, p)) ?? DEFAULT;
}
