/**
 * The layers of the app (docs/ARCHITECTURE.md), checked on every import by `npm run lint`:
 *
 *   listeners, jobs ──> services ──> domain, reference, time
 *        │                 │
 *        └──> views ───────┴──> (types only from services)
 *
 * Type-only imports cross layers freely: they vanish at run time and let a view describe what
 * it is given without depending on how it is computed.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes the load order matter and the layers meaningless.',
      from: { path: '^src/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'views-are-pure',
      severity: 'error',
      comment:
        'Views are pure functions of what they are given: they never run service code (and so never reach the database). Shared constants live in src/domain.',
      from: { path: '^src/views/' },
      to: {
        path: '^src/(services|listeners|jobs|notifications|notifier|db|generated)(/|\\.ts$)',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'services-know-nothing-of-slack',
      severity: 'error',
      comment:
        'Services hold the domain rules; Slack (Bolt, the Web API, the views, the listeners) is the edge that calls them.',
      from: { path: '^src/services/' },
      to: {
        path: '^(src/(listeners|views|slack|notifications|notifier|app|jobs)(/|\\.ts$)|node_modules/@slack/)',
      },
    },
    {
      name: 'listeners-go-through-services',
      severity: 'error',
      comment:
        'Listeners parse, authorise, ack, call a service and render a view: the database is reached through services only.',
      from: { path: '^src/listeners/' },
      to: { path: '^src/(generated|db)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-depends-on-nothing',
      severity: 'error',
      comment: 'The domain module holds constants and pure rules shared by services and views.',
      from: { path: '^src/domain/' },
      to: {
        path: '^src/(services|views|listeners|jobs|slack|db|generated|notifications|notifier)(/|\\.ts$)',
        dependencyTypesNot: ['type-only'],
      },
    },
  ],
  options: {
    // Prisma's generated client is reached (the rules above look at who imports it) but not read.
    doNotFollow: { path: ['node_modules', '^src/generated/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
