// The admin page's last script: registers the format of every collection of facts
// (`format: vitrine-facts-<kind>` in config.yml, see record-format.js), then starts the CMS,
// which the page's first script told to wait (CMS_MANUAL_INIT).
import * as YAML from './yaml/index.js';
import { recordFormat } from './record-format.js';

try {
  const link = document.querySelector('link[rel="cms-config-url"]');
  const text = await (await fetch(link.href)).text();
  // The generated configuration names each vocabulary once and refers to it (`*list1`).
  const config = YAML.parse(text, { maxAliasCount: -1 });
  for (const collection of config.collections ?? []) {
    if (typeof collection.format === 'string' && collection.format.startsWith('vitrine-facts-')) {
      const { fromFile, toFile } = recordFormat(YAML, collection, config.i18n);
      window.CMS.registerCustomFormat(collection.format, collection.extension, { fromFile, toFile });
    }
  }
} finally {
  // Without the formats (a configuration that cannot be read), the CMS reports the problem.
  window.CMS.init();
}
