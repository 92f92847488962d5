import { LockMode } from '@mikro-orm/core';
import { Club } from '../club/club.entity';
import { Programme } from '../club/club.enums';
import { assignClubFields, checkClubFields, checkNewFounding, clubClaim, ClubFields, clubUnits, earliestRecords, setClubCommunes } from '../club/club.service';
import { ownerOf } from '../shared/record-owner';
import { changedFrom } from '../shared/write-check';
import { ClubCommunes, Crosswalk, placeClub } from '../shared/club-place';
import { CsvRow, RowProblem } from './csv-input';
import { clubsInArea, duplicates, Importer, ImportSession, outsideArea, PlannedRow } from './import.types';
import { RowReader } from './row-reader';
import { todayInVietnam } from '../../time';
import { eachInTurns, findInBatches, mapInTurns } from '../../turns';

const COLUMNS = {
  required: ['code', 'name', 'founded_on', 'programme'],
  optional: ['village', 'commune_pre2025', 'commune_post2025', 'founding_decision', 'meeting_day'],
  oneOf: ['commune_post2025', 'commune_pre2025'],
} as const;

const COLUMN_OF = { communePre2025: 'commune_pre2025', communePost2025: 'commune_post2025' };

function placeOf(place: ClubCommunes) {
  return { communePre2025Id: place.pre?.dbId, communePost2025Id: place.post?.dbId };
}

/** Whether a cleaned field differs from the stored value (null and unset are the same). */
function changes(club: Club, fields: ClubFields): boolean {
  return Object.entries(fields).some(([key, value]) => value !== undefined && (value ?? null) !== ((club as unknown as Record<string, unknown>)[key] ?? null));
}

/**
 * The club register: one row per club, keyed by its national code. A new code creates a club; a known one
 * updates it (commune columns that differ move it, with the access rule of a move: both places in scope).
 */
export const clubImport: Importer = {
  kind: 'clubs',
  columns: COLUMNS,
  async plan({ em, ctx, lock }: ImportSession, rows: CsvRow[]) {
    const crosswalk = await Crosswalk.of(em, ctx.units);
    const readers = await mapInTurns(rows, (csv) => new RowReader(csv, COLUMN_OF));
    const codes = await mapInTurns(readers, (r) => r.checks.code('code', r.csv.cells.get('code'), 32));
    const repeated = duplicates(readers.map((r, i) => ({ row: r.row, key: codes[i] })), 'code', (code) => `The club ${code}`);
    const known = codes.filter((c): c is string => !!c);
    const named = await findInBatches(known, (batch) => em.find(Club, { code: { $in: batch } }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}));
    const { clubs: existing, outside } = clubsInArea(ctx, named);
    const earliest = await earliestRecords(em, [...existing.values()].map((c) => c.id));

    const today = todayInVietnam();
    const planned: PlannedRow[] = [];
    const problems: RowProblem[] = [];
    await eachInTurns(readers, (reader, i) => {
      const code = codes[i];
      if (code && outside.has(code)) return problems.push(outsideArea(reader.row, 'code'));
      const club = code ? existing.get(code) : undefined;
      const cell = (column: string) => reader.csv.cells.get(column);
      const fields = checkClubFields(
        reader.checks,
        {
          name: cell('name'),
          village: cell('village'),
          foundedOn: reader.date('founded_on'),
          foundingDecision: cell('founding_decision'),
          programme: reader.choice('programme', Programme),
          meetingDay: reader.integer('meeting_day'),
        },
        !club,
      );
      const pre = cell('commune_pre2025')?.trim();
      const post = cell('commune_post2025')?.trim();
      // A known club moves only when a commune cell names another commune; a blank cell keeps (or, on a
      // move, lets the crosswalk imply) the commune, since a club always has one.
      const unitCode = (id: number | undefined) => (id ? ctx.units.byDbId(id)?.code : undefined);
      const moves = !club || (!!pre && pre !== unitCode(club.communePre2025?.id)) || (!!post && post !== unitCode(club.communePost2025?.id));
      const place = moves ? placeClub(reader.checks, ctx.units, crosswalk, { pre: pre || undefined, post: post || undefined }, fields.foundedOn ?? club?.foundedOn) : undefined;
      if (club && fields.foundedOn && fields.foundedOn !== club.foundedOn) checkNewFounding(reader.checks, club, fields.foundedOn, earliest.get(club.id));
      const rowProblems = [...reader.problems(), ...(repeated.has(reader.row) ? [repeated.get(reader.row)!] : [])];
      if (rowProblems.length) return problems.push(...rowProblems);

      if (place && !ctx.access.mayWrite(placeOf(place))) return problems.push(outsideArea(reader.row, pre !== undefined ? 'commune_pre2025' : 'commune_post2025'));
      if (!club) {
        planned.push({
          row: reader.row,
          action: 'create',
          apply: ({ em: tx, audit }) => {
            const created = Object.assign(new Club(), { code });
            assignClubFields(created, fields);
            setClubCommunes(tx, created, place!);
            tx.persist(created);
            audit.track(created, () => clubUnits(ctx.units, created));
          },
        });
      } else if (changes(club, fields) || place) {
        planned.push({
          row: reader.row,
          action: 'update',
          // A new founding date; a move, dated today (the day of the import).
          claims: [clubClaim(club, fields), place ? changedFrom(ownerOf(club), today) : null],
          apply: ({ em: tx, audit }) => {
            tx.merge(club);
            audit.track(club, () => clubUnits(ctx.units, club));
            assignClubFields(club, fields);
            if (place) {
              setClubCommunes(tx, club, place);
              club.placedOn = today;
            }
          },
        });
      } else planned.push({ row: reader.row, action: 'unchanged' });
    });
    return { planned, problems };
  },
};
