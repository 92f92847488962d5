import { Field, ID, InterfaceType } from 'type-graphql';

/** Relay global object identification: every object with an identity has an opaque `id`. */
@InterfaceType({ description: 'An object with a global id, fetchable with node(id:).' })
export abstract class Node {
  /**
   * Each implementation overrides this with toGlobalId(<its type name>, <its key>). Not a simple resolver:
   * the field is named `id` but reads `globalId` (object types with plain data fields use simpleResolvers).
   */
  @Field(() => ID, { name: 'id', description: 'Opaque global id.', simple: false })
  get globalId(): string {
    throw new Error(`${this.constructor.name} does not define its global id`);
  }
}
