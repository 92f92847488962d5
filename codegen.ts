import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for internal tools: every named operation in schema/operations, typed against the printed
 * schema. Regenerate with `npm run codegen`; a test fails when src/client/gql is stale.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['schema/operations/**/*.graphql'],
  generates: {
    'src/client/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: 'string', Money: 'string' },
      },
    },
  },
  hooks: {},
  silent: true,
};

export default config;
