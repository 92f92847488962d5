import { AdminStructure } from './admin-unit.enums';
import { AdministrativeUnit } from './admin-unit.types';

/** Lower case, no diacritics, đ → d: "Hà Tĩnh" and "ha tinh" fold to the same text. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

interface Entry {
  unit: AdministrativeUnit;
  name: string;
  fullName: string;
}

/**
 * Accent-insensitive search over the units of one structure, in memory. Ranking: exact name, exact full
 * name, name prefix, word prefix, substring; then higher levels first (a province before a commune of the
 * same name), then code.
 */
export class UnitSearch {
  private readonly entries: Record<AdminStructure, Entry[]> = { PRE_2025: [], POST_2025: [] };

  constructor(all: Iterable<AdministrativeUnit>) {
    for (const unit of all) {
      this.entries[unit.structure].push({ unit, name: foldVietnamese(unit.name), fullName: foldVietnamese(unit.fullName) });
    }
  }

  search(text: string, structure: AdminStructure, limit: number): AdministrativeUnit[] {
    const q = foldVietnamese(text);
    const scored: Array<{ entry: Entry; score: number }> = [];
    for (const entry of this.entries[structure]) {
      const score = rank(entry, q);
      if (score > 0) scored.push({ entry, score });
    }
    const depth = { NATION: 0, PROVINCE: 1, DISTRICT: 2, COMMUNE: 3 };
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        depth[a.entry.unit.level] - depth[b.entry.unit.level] ||
        a.entry.unit.code.localeCompare(b.entry.unit.code),
    );
    return scored.slice(0, limit).map((s) => s.entry.unit);
  }
}

function rank(entry: Entry, q: string): number {
  if (entry.name === q) return 6;
  if (entry.fullName === q) return 5;
  if (entry.name.startsWith(q)) return 4;
  if (entry.fullName.split(' ').some((_, i, words) => words.slice(i).join(' ').startsWith(q))) return 3;
  if (entry.fullName.includes(q)) return 2;
  return 0;
}
