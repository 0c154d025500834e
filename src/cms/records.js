// The admin page's last script: registers the format of every collection of facts and of
// texts (`format: vitrine-facts-<kind>`, `vitrine-texts-<kind>-frontmatter` in config.yml, see
// record-format.js), then starts the CMS, which the page's first script told to wait
// (CMS_MANUAL_INIT).
import * as YAML from './yaml/index.js';
import { recordFormat, textFormat } from './record-format.js';

const formats = { 'vitrine-facts-': recordFormat, 'vitrine-texts-': textFormat };

try {
  const link = document.querySelector('link[rel="cms-config-url"]');
  const text = await (await fetch(link.href)).text();
  // The generated configuration names each vocabulary once and refers to it (`*list1`).
  const config = YAML.parse(text, { maxAliasCount: -1 });
  for (const collection of config.collections ?? []) {
    const prefix = Object.keys(formats).find((p) => String(collection.format).startsWith(p));
    if (prefix) {
      const { fromFile, toFile } = formats[prefix](YAML, collection, config.i18n);
      window.CMS.registerCustomFormat(collection.format, collection.extension, { fromFile, toFile });
    }
  }
} finally {
  // Without the formats (a configuration that cannot be read), the CMS reports the problem.
  window.CMS.init();
}
