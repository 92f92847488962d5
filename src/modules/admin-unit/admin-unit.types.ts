import { Directive, Field, InterfaceType, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DateScalar } from '../../graphql/scalars';
import { AdminStructure, UNIT_TYPE_PREFIX, UnitLevel, UnitType } from './admin-unit.enums';

/**
 * The GraphQL face of an administrative unit. Units are reference data held in memory (see UnitDirectory):
 * every instance already links to its parent and children, so navigation needs no SQL.
 */
// No resolveType: units are instances of Nation, Province, District and Commune, which type-graphql's own
// resolution tells apart synchronously (a resolveType given here would be wrapped in a promise per object).
@InterfaceType({
  implements: Node,
  description: 'A unit of the administrative hierarchy (nation, province, district or commune) in one structure.',
})
export abstract class AdministrativeUnit extends Node {
  /** Database id; 0 for the nation, which is not stored. */
  dbId!: number;

  override get globalId(): string {
    return toGlobalId(TYPE_NAME_BY_LEVEL[this.level], `${this.structure}:${this.code}`);
  }

  @Field({ description: 'Official statistics-office code: 2 digits for provinces, 3 for districts, 5 for communes.' })
  code!: string;

  @Field({ description: 'The name without its type prefix, e.g. "Hà Tĩnh".' })
  name!: string;

  @Field(() => UnitType)
  type!: UnitType;

  @Field({ description: 'The usual full name, e.g. "Tỉnh Hà Tĩnh", "Thành phố Hà Nội".' })
  get fullName(): string {
    return this.level === UnitLevel.NATION ? this.name : `${UNIT_TYPE_PREFIX[this.type]} ${this.name}`;
  }

  @Field(() => UnitLevel)
  level!: UnitLevel;

  @Field(() => AdminStructure)
  structure!: AdminStructure;

  @Field(() => AdministrativeUnit, { nullable: true, description: 'The unit above; null for the nation.' })
  parent!: AdministrativeUnit | null;

  @Field({ description: 'Codes from the province down, joined by "/" (e.g. "42/436/18769"); empty for the nation.' })
  path!: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day this unit is in force; null: before records.' })
  validFrom!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day this unit is in force; null: still in force.' })
  validTo!: string | null;

  /** Units directly below, in code order. */
  children: AdministrativeUnit[] = [];
}

@ObjectType({ implements: [Node, AdministrativeUnit], description: 'Việt Nam, the root of one structure.', simpleResolvers: true })
export class Nation extends AdministrativeUnit {
  @Field(() => [Province])
  get provinces(): Province[] {
    return this.children as Province[];
  }
}

@Directive('@key(fields: "structure code")')
@ObjectType({ implements: [Node, AdministrativeUnit], description: 'A province or centrally-run city (Tỉnh, Thành phố).', simpleResolvers: true })
export class Province extends AdministrativeUnit {
  @Field(() => [District], { description: 'Districts (PRE_2025 only; empty under POST_2025).' })
  get districts(): District[] {
    return this.structure === AdminStructure.PRE_2025 ? (this.children as District[]) : [];
  }

  @Field(() => [Commune], { description: 'Every commune of the province, in code order.' })
  get communes(): Commune[] {
    return this.structure === AdminStructure.PRE_2025
      ? this.children.flatMap((district) => district.children as Commune[])
      : (this.children as Commune[]);
  }
}

@Directive('@key(fields: "structure code")')
@ObjectType({ implements: [Node, AdministrativeUnit], description: 'A district (Quận, Huyện, Thị xã, Thành phố); PRE_2025 only.', simpleResolvers: true })
export class District extends AdministrativeUnit {
  @Field(() => Province)
  get province(): Province {
    return this.parent as Province;
  }

  @Field(() => [Commune])
  get communes(): Commune[] {
    return this.children as Commune[];
  }
}

@Directive('@key(fields: "structure code")')
@ObjectType({ implements: [Node, AdministrativeUnit], description: 'A commune-level unit (Xã, Phường, Thị trấn, Đặc khu).', simpleResolvers: true })
export class Commune extends AdministrativeUnit {
  @Field(() => District, { nullable: true, description: 'Its district (PRE_2025); null under POST_2025.' })
  get district(): District | null {
    return this.parent instanceof District ? this.parent : null;
  }

  @Field(() => Province)
  get province(): Province {
    return (this.parent instanceof District ? this.parent.parent : this.parent) as Province;
  }
}

const TYPE_NAME_BY_LEVEL: Record<UnitLevel, string> = {
  NATION: 'Nation',
  PROVINCE: 'Province',
  DISTRICT: 'District',
  COMMUNE: 'Commune',
};
