import { parseAdminArgs } from './admin-args';

describe('parseAdminArgs', () => {
  it('reads a command with a file id', () => {
    expect(parseAdminArgs(['delete', '01HZY3QK8X9V5N2M4P6R7S8T9W'])).toEqual({ action: 'delete', id: '01HZY3QK8X9V5N2M4P6R7S8T9W' });
  });

  it('reads the listing commands', () => {
    expect([parseAdminArgs(['list']), parseAdminArgs(['trash'])]).toEqual([{ action: 'list' }, { action: 'trash' }]);
  });

  it('refuses an unknown command with the usage', () => {
    expect(() => parseAdminArgs(['drop', 'x'])).toThrow(/unknown admin command "drop x"\nusage:/);
  });

  it('refuses a delete without an id', () => {
    expect(() => parseAdminArgs(['delete'])).toThrow(RangeError);
  });
});
