import { describe, expect, it } from 'vitest';
import { checkShowConfig } from '../src/publish/feed-checks.js';
import { testConfig } from './feed-fixtures.js';

/** Config checks for the feed: errors stop it, warnings are advice. */

describe('checkShowConfig', () => {
  it('passes a complete https config without warnings', () => {
    expect(checkShowConfig(testConfig(), { publishing: true })).toEqual({ errors: [], warnings: [] });
  });

  it('requires an absolute baseUrl', () => {
    const { errors } = checkShowConfig(testConfig({ baseUrl: 'audio/' }), { publishing: false });
    expect(errors).toEqual([expect.stringMatching(/^show\.baseUrl: .*not an absolute URL/)]);
  });

  it('requires https for publishing, allows localhost for a preview with a warning', () => {
    const local = testConfig({ baseUrl: 'http://127.0.0.1:8080/' });
    expect(checkShowConfig(local, { publishing: true }).errors).toEqual([expect.stringMatching(/^show\.baseUrl: .*https/)]);
    const preview = checkShowConfig(local, { publishing: false });
    expect(preview.errors).toEqual([]);
    expect(preview.warnings).toEqual([expect.stringMatching(/^show\.baseUrl: .*local address/)]);
    expect(checkShowConfig(testConfig({ baseUrl: 'http://localhost/' }), { publishing: false }).errors).toEqual([]);
  });

  it('checks the owner email and warns when it is missing', () => {
    expect(checkShowConfig(testConfig({ owner: { name: 'Desk', email: 'not an email' } }), { publishing: true }).errors).toEqual([
      expect.stringMatching(/^show\.owner\.email: /),
    ]);
    const missing = checkShowConfig(testConfig({ owner: { name: 'Desk', email: '' } }), { publishing: true });
    expect(missing.errors).toEqual([]);
    expect(missing.warnings).toEqual([expect.stringMatching(/^show\.owner\.email .*podcast:locked/)]);
  });

  it('warns about a missing or unusable image, naming Apple’s size rule', () => {
    const none = testConfig();
    delete none.show.image;
    expect(checkShowConfig(none, { publishing: true }).warnings).toEqual([expect.stringMatching(/show\.image .*1400–3000 px/)]);
    expect(checkShowConfig(testConfig({ image: 'cover.jpg' }), { publishing: true }).warnings).toEqual([
      expect.stringMatching(/^show\.image: .*not an absolute URL/),
    ]);
    expect(checkShowConfig(testConfig({ image: 'https://cdn.example.com/cover.gif' }), { publishing: true }).warnings).toEqual([
      expect.stringMatching(/JPEG or PNG/),
    ]);
  });

  it('checks categories against Apple’s list', () => {
    expect(checkShowConfig(testConfig({ category: ['Society & Culture', 'Documentary'] }), { publishing: true }).errors).toEqual([]);
    expect(checkShowConfig(testConfig({ category: ['news', 'Daily News'] }), { publishing: true }).errors).toEqual([
      expect.stringMatching(/^show\.category: "news" .*Did you mean "News"\?/),
    ]);
    expect(checkShowConfig(testConfig({ category: ['News', 'Weather'] }), { publishing: true }).errors).toEqual([
      expect.stringMatching(/^show\.category: "Weather" is not a subcategory of "News".*Daily News/),
    ]);
    expect(checkShowConfig(testConfig({ category: ['Technology', 'Gadgets'] }), { publishing: true }).errors).toEqual([
      expect.stringMatching(/"Technology" has no subcategories/),
    ]);
  });

  it('checks the time zone and the show link', () => {
    const { errors } = checkShowConfig(testConfig({ link: 'example.com' }, { timeZone: 'Europe/Atlantis' }), { publishing: false });
    expect(errors).toEqual([expect.stringMatching(/^show\.link: /), expect.stringMatching(/^feed\.timeZone: /)]);
  });
});
