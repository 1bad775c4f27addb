/** Every page of the site, rendered at build time. */
import { adminPage } from './admin';
import { cityPage, searchPage } from './cities';
import { digestsPage } from './digests';
import { homePage, notFoundPage } from './home';
import type { BuiltPage, PageAssets } from './layout';
import { registerPage } from './register';
import { subscribePage } from './subscribe';

export type { BuiltPage, PageAssets } from './layout';

export function renderPages(assets: PageAssets): BuiltPage[] {
  return [
    { file: 'index.html', html: homePage(assets) },
    { file: 'register/index.html', html: registerPage(assets) },
    { file: 'cities/index.html', html: searchPage(assets) },
    { file: 'cities/city.html', html: cityPage(assets) },
    { file: 'subscribe/index.html', html: subscribePage(assets) },
    { file: 'digests/index.html', html: digestsPage(assets) },
    { file: 'admin/index.html', html: adminPage(assets) },
    { file: '404.html', html: notFoundPage(assets) },
  ];
}
