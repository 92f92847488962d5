import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents, regenerated with `npm run codegen` (a test fails when an output is stale):
 * - src/client/gql for internal tools: every named operation in schema/operations, typed against the printed schema;
 * - web/src/api/gql for the web app: the operations in schema/operations/web, as query text (string documents
 *   need no graphql-js in the browser bundle).
 */
const typing = {
  useTypeImports: true,
  enumsAsTypes: true,
  scalars: { Date: 'string', Money: 'string' },
};

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  generates: {
    'src/client/gql/': {
      documents: ['schema/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: typing,
    },
    'web/src/api/gql/': {
      documents: ['schema/operations/web/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { ...typing, documentMode: 'string' },
    },
  },
  hooks: {},
  silent: true,
};

export default config;
