// The benchmark's peer for `djaz build` of examples/django-on-azure: the
// same ARM deployment written by hand in Jsonnet, as an engineer without
// djaz would keep it.  It renders the same template and parameters files
// (template.json, staging.parameters.json, production.parameters.json).
// To check that it still does:
//
//   jsonnet -m /tmp/j tests/bench/example.jsonnet
//   build/djaz build examples/django-on-azure/app.djaz -o /tmp/d
//   for f in template staging.parameters production.parameters; do
//     cmp <(jq -S . /tmp/d/arm/$f.json) <(jq -S . /tmp/j/$f.json); done
//
// Plain Jsonnet (0.18), no imports; ARM expressions are strings built by
// the helpers below.

local app = 'django_on_azure';
local location = 'southeastasia';

// ---- environments: everything that differs goes to the parameters files.
// `hash` makes the Key Vault and dashboard names unique (djaz's suffixes).
local envs = [
  { name: 'staging', sku: 'P1v2', cores: 1, instances: 1, hash: '7d34b6' },
  { name: 'production', sku: 'P2v2', cores: 2, instances: 2, hash: '24984a' },
];

local paramValues(e) = {
  local base = 'django-on-azure-' + e.name,
  workspaceName: base + '-logs',
  environment: e.name,
  insightsName: base + '-insights',
  webAppName: base,
  planName: base + '-plan',
  planSku: e.sku,
  planInstances: e.instances,
  keyVaultName: 'django-on-azur-' + e.hash + '-kv',  // at most 24 characters
  databaseServerName: base + '-db',
  storageAccountName: 'djangoonazure' + e.name,
  frontDoorName: base + '-cdn',
  frontDoorEndpointName: base,
  dashboardName: 'django-on-az-' + e.hash + '-dash',
  gunicornWorkers: std.toString(2 * e.cores + 1),
  setting_SITE_NAME: 'Django on Azure (' + e.name + ')',
};

// ---- resource types by short name, with the API version of each top-level type
local types = {
  workspace: ['Microsoft.OperationalInsights/workspaces', '2025-07-01'],
  insights: ['Microsoft.Insights/components', '2020-02-02'],
  alert: ['Microsoft.Insights/metricAlerts', '2026-01-01'],
  plan: ['Microsoft.Web/serverfarms', '2024-11-01'],
  site: ['Microsoft.Web/sites', '2024-11-01'],
  kv: ['Microsoft.KeyVault/vaults', '2026-02-01'],
  role: ['Microsoft.Authorization/roleAssignments', '2022-04-01'],
  db: ['Microsoft.DBforPostgreSQL/flexibleServers', '2025-08-01'],
  storage: ['Microsoft.Storage/storageAccounts', '2026-04-01'],
  cdn: ['Microsoft.Cdn/profiles', '2025-12-01'],
  dashboard: ['Microsoft.Portal/dashboards', '2026-04-01'],
};
local T = { [k]: types[k][0] for k in std.objectFields(types) } + {
  container: self.storage + '/blobServices/containers',
  endpoint: self.cdn + '/afdEndpoints',
};
local apiVersions = { [types[k][0]]: types[k][1] for k in std.objectFields(types) };
local apiVersion(type) = local s = std.split(type, '/'); apiVersions[s[0] + '/' + s[1]];
local indexed(xs) = std.range(0, std.length(xs) - 1);

// ---- ARM expression helpers: call/p/q/id/ref give inner expressions, expr
// wraps one as a template value.  Concatenation, not `%`: jsonnet 0.18's
// std.format costs about 1 ms a call, and these run hundreds of times.
local expr(e) = '[' + e + ']';
local call(fn, args) = fn + '(' + std.join(', ', args) + ')';
local q(s) = "'" + s + "'";
local p(name) = call('parameters', [q(name)]);
local concat(parts) = expr(call('concat', parts));
local child(parent, path) = concat([p(parent), q('/' + path)]);
local id(type, names) = call('resourceId', [q(type)] + names);
local ref(type, names, path, full=false) =
  call('reference', [id(type, names), q(apiVersion(type))] + (if full then [q('Full')] else []))
  + '.' + path;
local kvRef(secret) =
  concat([q('@Microsoft.KeyVault(VaultName='), p('keyVaultName'), q(';SecretName=' + secret + ')')]);
local deps(ids) = [expr(i) for i in ids];

// ids of the resources others point at
local ids = {
  workspace: id(T.workspace, [p('workspaceName')]),
  insights: id(T.insights, [p('insightsName')]),
  plan: id(T.plan, [p('planName')]),
  site: id(T.site, [p('webAppName')]),
  kv: id(T.kv, [p('keyVaultName')]),
  db: id(T.db, [p('databaseServerName')]),
  storage: id(T.storage, [p('storageAccountName')]),
  cdn: id(T.cdn, [p('frontDoorName')]),
  endpoint: id(T.endpoint, [p('frontDoorName'), p('frontDoorEndpointName')]),
  cdnChild(type, names): id(T.cdn + '/' + type, [p('frontDoorName')] + [q(n) for n in names]),
  secret(name): id(T.kv + '/secrets', [p('keyVaultName'), q(name)]),
  container(name): id(T.container, [p('storageAccountName'), q('default'), q(name)]),
};
// reference() expressions read by the app settings or the outputs
local refs = {
  principalId: ref(T.site, [p('webAppName')], 'identity.principalId', full=true),
  dbFqdn: ref(T.db, [p('databaseServerName')], 'fullyQualifiedDomainName'),
  insights: ref(T.insights, [p('insightsName')], 'ConnectionString'),
  endpointHost: ref(T.endpoint, [p('frontDoorName'), p('frontDoorEndpointName')], 'hostName'),
};
local secretsUser = '4633458b-17de-408a-b874-0445c86b69e6';  // Key Vault Secrets User
local roleGuid = call('guid', [ids.kv, ids.site, q(secretsUser)]);

// ---- resource skeletons
local tags = { application: app, environment: expr(p('environment')) };
local resource(type, name, properties, dependsOn=[]) = {
  type: type,
  apiVersion: apiVersion(type),
  name: name,
  properties: properties,
  [if dependsOn != [] then 'dependsOn']: deps(dependsOn),
};
local tracked(type, param, properties, dependsOn=[], loc=location) =
  resource(type, expr(p(param)), properties, dependsOn) + { location: loc, tags: tags };
local secret(name, value, dependsOn=[]) =
  resource(T.kv + '/secrets', child('keyVaultName', name),
           { value: expr(value), contentType: 'text/plain' }, [ids.kv] + dependsOn);

// ---- the database's children, each after the previous one
local firewall = { office: '203.0.113.7' };
local dbChildren = [
  { type: 'databases', name: app, props: { charset: 'UTF8', collation: 'en_US.utf8' } },
  { type: 'configurations', name: 'require_secure_transport',
    props: { value: 'on', source: 'user-override' } },
  { type: 'advancedThreatProtectionSettings', name: 'Default', props: { state: 'Enabled' } },
] + [
  { type: 'firewallRules', name: rule,
    props: { startIpAddress: firewall[rule], endIpAddress: firewall[rule] } }
  for rule in std.objectFields(firewall)
];
local dbChildId(c) = id(T.db + '/' + c.type, [p('databaseServerName'), q(c.name)]);

// ---- dashboard: one chart per tile, two per row
local tiles = [
  { type: T.plan, param: 'planName', metric: 'CpuPercentage', agg: 4, title: 'Plan CPU (%)' },
  { type: T.plan, param: 'planName', metric: 'MemoryPercentage', agg: 4, title: 'Plan memory (%)' },
  { type: T.site, param: 'webAppName', metric: 'Requests', agg: 1, title: 'Requests' },
  { type: T.site, param: 'webAppName', metric: 'HttpResponseTime', agg: 4, title: 'Response time (s)' },
  { type: T.db, param: 'databaseServerName', metric: 'cpu_percent', agg: 4, title: 'Database CPU (%)' },
];
local chartPart(i, t) = {
  position: { x: (i % 2) * 6, y: std.floor(i / 2) * 4, colSpan: 6, rowSpan: 4 },
  metadata: {
    type: 'Extension/HubsExtension/PartType/MonitorChartPart',
    inputs: [{ name: 'sharedTimeRange', isOptional: true }],
    settings: { content: { options: { chart: {
      metrics: [{
        resourceMetadata: { id: expr(id(t.type, [p(t.param)])) },
        name: t.metric, aggregationType: t.agg, namespace: t.type,
        metricVisualization: { displayName: t.title },
      }],
      title: t.title, titleKind: 2, visualization: { chartType: 2 },
    } } } },
  },
};

// ---- the template
local param(type, description) = { type: type, metadata: { description: description } };
local nameOf(type) = param('string', 'name of the ' + type);
local supplied(what) = param('securestring', what + ': supplied by djaz apply, never in a file');
local output(value) = { type: 'string', value: expr(value) };

local template = {
  '$schema': 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  metadata: { _generator: { name: 'djaz' } },
  parameters: {
    workspaceName: nameOf(T.workspace),
    environment: param('string', 'the djaz environment deployed') +
                 { allowedValues: [e.name for e in envs] },
    insightsName: nameOf(T.insights),
    webAppName: nameOf(T.site),
    planName: nameOf(T.plan),
    planSku: param('string', 'App Service plan SKU'),
    planInstances: param('int', 'instances of the plan'),
    keyVaultName: nameOf(T.kv),
    secret_SECRET_KEY: supplied('SECRET_KEY'),
    databaseServerName: nameOf(T.db),
    databaseAdminPassword: supplied('PostgreSQL administrator password'),
    storageAccountName: nameOf(T.storage),
    frontDoorName: nameOf(T.cdn),
    frontDoorEndpointName: nameOf(T.endpoint),
    dashboardName: nameOf(T.dashboard),
    gunicornWorkers: param('string', 'gunicorn workers (startup.sh)'),
    setting_SITE_NAME: param('string', 'app setting SITE_NAME'),
  },
  resources: [
    // monitoring
    tracked(T.workspace, 'workspaceName', { sku: { name: 'PerGB2018' }, retentionInDays: 30 }),
    tracked(T.insights, 'insightsName', {
      Application_Type: 'web', WorkspaceResourceId: expr(ids.workspace), IngestionMode: 'LogAnalytics',
    }, [ids.workspace]) + { kind: 'web' },
    resource(T.alert, concat([p('webAppName'), q('-5xx')]), {
      description: 'The web app answers with server errors (HTTP 5xx).',
      severity: 2, enabled: true, scopes: deps([ids.site]),
      evaluationFrequency: 'PT1M', windowSize: 'PT5M', autoMitigate: true, targetResourceType: T.site,
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria',
        allOf: [{
          criterionType: 'StaticThresholdCriterion', name: 'ServerErrors', metricName: 'Http5xx',
          metricNamespace: T.site, operator: 'GreaterThan', threshold: 5, timeAggregation: 'Total',
        }],
      },
    }, [ids.site]) + { location: 'global', tags: tags },

    // App Service: a Linux plan and the hardened web app
    tracked(T.plan, 'planName', { reserved: true }) + {
      kind: 'linux',
      sku: { name: expr(p('planSku')), tier: 'PremiumV2', capacity: expr(p('planInstances')) },
    },
    tracked(T.site, 'webAppName', {
      serverFarmId: expr(ids.plan), httpsOnly: true, clientAffinityEnabled: false,
      publicNetworkAccess: 'Enabled',
      siteConfig: {
        linuxFxVersion: 'PYTHON|3.13', appCommandLine: 'bash startup.sh', alwaysOn: true,
        ftpsState: 'Disabled', minTlsVersion: '1.2', scmMinTlsVersion: '1.2',
        remoteDebuggingEnabled: false, http20Enabled: true,
      },
    }, [ids.plan, ids.insights, ids.kv, ids.db, ids.storage]) + {
      kind: 'app,linux', identity: { type: 'SystemAssigned' },
    },
  ] + [
    resource(T.site + '/basicPublishingCredentialsPolicies', child('webAppName', c),
             { allow: false }, [ids.site])
    for c in ['ftp', 'scm']
  ] + [
    // Key Vault, SECRET_KEY in it, and the site's right to read secrets
    tracked(T.kv, 'keyVaultName', {
      tenantId: '[subscription().tenantId]', sku: { family: 'A', name: 'standard' },
      enableRbacAuthorization: true, enableSoftDelete: true, softDeleteRetentionInDays: 90,
      enablePurgeProtection: true, publicNetworkAccess: 'Enabled',
    }),
    secret('secret-key', p('secret_SECRET_KEY')),
    resource(T.role, expr(roleGuid), {
      roleDefinitionId: expr(call('subscriptionResourceId',
                                  [q('Microsoft.Authorization/roleDefinitions'), q(secretsUser)])),
      principalId: expr(refs.principalId),
      principalType: 'ServicePrincipal',
    }, [ids.kv, ids.site]) + { scope: concat([q(T.kv + '/'), p('keyVaultName')]) },

    // PostgreSQL flexible server
    tracked(T.db, 'databaseServerName', {
      version: '17', administratorLogin: 'djazadmin',
      administratorLoginPassword: expr(p('databaseAdminPassword')),
      authConfig: { passwordAuth: 'Enabled', activeDirectoryAuth: 'Disabled' },
      storage: { storageSizeGB: 32 }, highAvailability: { mode: 'Disabled' },
      network: { publicNetworkAccess: 'Enabled' },
    }) + { sku: { name: 'Standard_B1ms', tier: 'Burstable' } },
  ] + [
    local c = dbChildren[i];
    resource(T.db + '/' + c.type, child('databaseServerName', c.name), c.props,
             [ids.db] + (if i == 0 then [] else [dbChildId(dbChildren[i - 1])]))
    for i in indexed(dbChildren)
  ] + [
    secret('database-password', p('databaseAdminPassword')),

    // storage: public-read containers, the key kept in Key Vault
    tracked(T.storage, 'storageAccountName', {
      accessTier: 'Hot', minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true,
      allowBlobPublicAccess: true, allowSharedKeyAccess: true, publicNetworkAccess: 'Enabled',
    }) + { kind: 'StorageV2', sku: { name: 'Standard_LRS' } },
  ] + [
    resource(T.container, child('storageAccountName', 'default/' + c),
             { publicAccess: 'Blob' }, [ids.storage])
    for c in ['static', 'media']
  ] + [
    secret('storage-account-key',
           call('listKeys', [ids.storage, q(apiVersion(T.storage))]) + '.keys[0].value', [ids.storage]),

    // Front Door Standard in front of the blobs, bypassing the cache on no-cache
    tracked(T.cdn, 'frontDoorName', { originResponseTimeoutSeconds: 60 }, loc='global') + {
      sku: { name: 'Standard_AzureFrontDoor' },
    },
    resource(T.endpoint, concat([p('frontDoorName'), q('/'), p('frontDoorEndpointName')]),
             { enabledState: 'Enabled' }, [ids.cdn]) + { location: 'global', tags: tags },
    resource(T.cdn + '/originGroups', child('frontDoorName', 'blobs'), {
      loadBalancingSettings: {
        sampleSize: 4, successfulSamplesRequired: 3, additionalLatencyInMilliseconds: 50,
      },
      sessionAffinityState: 'Disabled',
    }, [ids.cdn]),
    local blobHost =
      expr(call('format', [q('{0}.blob.{1}'), p('storageAccountName'),
                           'environment().suffixes.storage']));
    resource(T.cdn + '/originGroups/origins', child('frontDoorName', 'blobs/storage'), {
      hostName: blobHost, originHostHeader: blobHost, httpPort: 80, httpsPort: 443,
      priority: 1, weight: 1000, enabledState: 'Enabled', enforceCertificateNameCheck: true,
    }, [ids.cdnChild('originGroups', ['blobs']), ids.storage]),
    resource(T.cdn + '/ruleSets', child('frontDoorName', 'nocache'), {}, [ids.cdn]),
    resource(T.cdn + '/ruleSets/rules', child('frontDoorName', 'nocache/bypassOnNoCache'), {
      order: 1,
      conditions: [{ name: 'RequestHeader', parameters: {
        typeName: 'DeliveryRuleRequestHeaderConditionParameters',
        operator: 'Contains', selector: 'Cache-Control', negateCondition: false,
        matchValues: ['no-cache'], transforms: ['Lowercase'],
      } }],
      actions: [{ name: 'RouteConfigurationOverride',
                  parameters: { typeName: 'DeliveryRuleRouteConfigurationOverrideActionParameters' } }],
      matchProcessingBehavior: 'Continue',
    }, [ids.cdnChild('ruleSets', ['nocache'])]),
    resource(T.endpoint + '/routes',
             concat([p('frontDoorName'), q('/'), p('frontDoorEndpointName'), q('/blobs')]), {
      originGroup: { id: expr(ids.cdnChild('originGroups', ['blobs'])) },
      ruleSets: [{ id: expr(ids.cdnChild('ruleSets', ['nocache'])) }],
      supportedProtocols: ['Http', 'Https'], patternsToMatch: ['/*'],
      forwardingProtocol: 'HttpsOnly', httpsRedirect: 'Enabled', linkToDefaultDomain: 'Enabled',
      enabledState: 'Enabled',
      cacheConfiguration: {
        queryStringCachingBehavior: 'UseQueryString',
        compressionSettings: { isCompressionEnabled: true, contentTypesToCompress: [
          'text/css', 'text/html', 'text/javascript', 'text/plain',
          'application/javascript', 'application/json', 'image/svg+xml',
        ] },
      },
    }, [ids.endpoint, ids.cdnChild('originGroups/origins', ['blobs', 'storage']),
        ids.cdnChild('ruleSets', ['nocache']),
        ids.cdnChild('ruleSets/rules', ['nocache', 'bypassOnNoCache'])]),

    // the dashboard
    tracked(T.dashboard, 'dashboardName', {
      lenses: [{ order: 0, parts: [chartPart(i, tiles[i]) for i in indexed(tiles)] }],
    }, [ids.site, ids.plan, ids.db]) + {
      tags+: { 'hidden-title': concat([q(app + ' ('), p('environment'), q(')')]) },
    },

    // app settings last: they read every other resource
    resource(T.site + '/config', child('webAppName', 'appsettings'), {
      DEBUG: 'False',
      DJANGO_HOST: concat([p('webAppName'), q('.azurewebsites.net')]),
      SCM_DO_BUILD_DURING_DEPLOYMENT: 'true',
      GUNICORN_WORKERS: expr(p('gunicornWorkers')),
      GUNICORN_THREADS: '1',
      DJANGO_DATABASE_SERVER: expr(refs.dbFqdn),
      DJANGO_DATABASE_NAME: app,
      DJANGO_DATABASE_USER: 'djazadmin',
      DJANGO_DATABASE_PASSWORD: kvRef('database-password'),
      AZURE_ACCOUNT_NAME: expr(p('storageAccountName')),
      AZURE_ACCOUNT_KEY: kvRef('storage-account-key'),
      AZURE_STATIC_CONTAINER: 'static',
      AZURE_MEDIA_CONTAINER: 'media',
      AZURE_CUSTOM_DOMAIN: expr(refs.endpointHost),
      APPLICATIONINSIGHTS_CONNECTION_STRING: expr(refs.insights),
      SECRET_KEY: kvRef('secret-key'),
      DJANGO_LOG_LEVEL: 'INFO',
      SITE_NAME: expr(p('setting_SITE_NAME')),
    }, [ids.site, call('extensionResourceId', [ids.kv, q(T.role), roleGuid]),
        dbChildId(dbChildren[0]), ids.secret('database-password'), ids.secret('storage-account-key'),
        ids.container('static'), ids.container('media'), ids.endpoint, ids.insights,
        ids.secret('secret-key')]),
  ],
  outputs: {
    webAppName: output(p('webAppName')),
    webAppHostName: output(ref(T.site, [p('webAppName')], 'defaultHostName')),
    webAppPrincipalId: output(refs.principalId),
    databaseServerFqdn: output(refs.dbFqdn),
    blobEndpoint: output(ref(T.storage, [p('storageAccountName')], 'primaryEndpoints.blob')),
    frontDoorHostName: output(refs.endpointHost),
    keyVaultUri: output(ref(T.kv, [p('keyVaultName')], 'vaultUri')),
  },
};

// ---- the files: one template, one parameters file per environment
{
  'template.json': template,
} + {
  [e.name + '.parameters.json']: local v = paramValues(e); {
    '$schema': 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
    contentVersion: '1.0.0.0',
    parameters: { [k]: { value: v[k] } for k in std.objectFields(v) },
  }
  for e in envs
}
