import { staticAsset } from './assets';

describe('staticAsset', () => {
  it('links the path with a version derived from the content', () => {
    const asset = staticAsset('/assets/app.css', 'text/css', 'body{}');
    expect(asset.href).toMatch(/^\/assets\/app\.css\?v=[A-Za-z0-9_-]{12}$/);
  });

  it('gives the same content the same version on every instance', () => {
    expect(staticAsset('/a.css', 'text/css', 'x').version).toBe(staticAsset('/a.css', 'text/css', 'x').version);
  });

  it('changes the version when the content changes', () => {
    expect(staticAsset('/a.css', 'text/css', 'x').version).not.toBe(staticAsset('/a.css', 'text/css', 'y').version);
  });
});
